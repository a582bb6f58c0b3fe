using Microsoft.Extensions.Configuration.Json;

namespace DevPlatform.Web.Hosting;

/// <summary>
/// appsettings.Development.json lives at the repository root, not in the project folder that is the content root.
/// Its build-output copy is loaded in the slot the framework gives that file, so environment variables and
/// command-line arguments (--urls, Storage__Provider=Aws) still override it.
/// </summary>
internal static class RootSettingsFile
{
    public static void Add(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json");
        var sources = builder.Configuration.Sources;
        var slot = sources.Select((s, i) => (s, i)).LastOrDefault(p => p.s is JsonConfigurationSource json && json.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true).i;
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(slot + 1, source);
    }
}
