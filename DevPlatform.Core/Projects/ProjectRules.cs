using DevPlatform.Core.Common;

namespace DevPlatform.Core.Projects;

/// <summary>The validation rules of a project, shared by the service, the API and the edit dialog.</summary>
public static class ProjectRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int MaxPageSize = 100;

    /// <returns>Field name → messages; empty when the input is valid.</returns>
    public static Dictionary<string, string[]> Check(ProjectInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var name = TextRules.Normalize(input.Name);
        var description = TextRules.Normalize(input.Description);
        if (name.Length == 0) errors["name"] = ["Name is required."];
        else if (name.Length > NameMaxLength) errors["name"] = [$"Name must be at most {NameMaxLength} characters."];
        else if (TextRules.HasHiddenCharacters(name)) errors["name"] = ["Name must not contain control, invisible or direction-changing characters."];
        if (description.Length > DescriptionMaxLength)
            errors["description"] = [$"Description must be at most {DescriptionMaxLength} characters."];
        else if (TextRules.HasHiddenCharactersInFreeText(description))
            errors["description"] = ["Description must not contain control characters or direction overrides."];
        return errors;
    }

    /// <summary>The input as stored: trimmed and NFC-normalized.</summary>
    public static (string Name, string Description) Normalize(ProjectInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return (TextRules.Normalize(input.Name), TextRules.Normalize(input.Description));
    }

    /// <summary>How a search matches names: normalized the same way, ignoring case.</summary>
    public static string SearchKey(string text) => TextRules.Normalize(text).ToLowerInvariant();

    /// <summary>The index sort key: names compare case-insensitively, and the id keeps equal names apart.</summary>
    public static string NameSortKey(string name, string id) => $"{SearchKey(name)}#{id}";
}
