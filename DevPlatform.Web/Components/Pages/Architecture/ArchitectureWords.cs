using DevPlatform.Core.Architecture;

namespace DevPlatform.Web.Components.Pages.Architecture;

/// <summary>How the page names styles and kinds.</summary>
public static class ArchitectureWords
{
    public static string Style(ArchitectureStyle style) => style switch
    {
        ArchitectureStyle.EventDriven => "Event-driven",
        _ => style.ToString(),
    };

    public static string Field(string field) => field switch
    {
        "name" => "Name",
        "description" => "Description",
        "style" => "Style",
        "kind" => "Kind",
        "technology" => "Technology",
        "label" => "Label",
        "protocol" => "Protocol",
        _ => field,
    };
}
