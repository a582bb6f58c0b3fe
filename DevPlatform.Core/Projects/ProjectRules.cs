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
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = ["Name is required."];
        else if (name.Length > NameMaxLength) errors["name"] = [$"Name must be at most {NameMaxLength} characters."];
        else if (name.Any(char.IsControl)) errors["name"] = ["Name must not contain control characters."];
        if ((input.Description?.Length ?? 0) > DescriptionMaxLength)
            errors["description"] = [$"Description must be at most {DescriptionMaxLength} characters."];
        return errors;
    }

    public static (string Name, string Description) Normalize(ProjectInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return (input.Name!.Trim(), input.Description?.Trim() ?? "");
    }

    /// <summary>The index sort key: names compare case-insensitively, and the id keeps equal names apart.</summary>
    public static string NameSortKey(string name, string id) => $"{name.ToLowerInvariant()}#{id}";
}
