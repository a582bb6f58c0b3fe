using DevPlatform.Core.Common;

namespace DevPlatform.Core.Architecture;

/// <summary>The validation rules of an architecture, shared by the service, the API and the editor.</summary>
public static class ArchitectureRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 4000;
    public const int ComponentNameMaxLength = 80;
    public const int TechnologyMaxLength = 80;
    public const int LabelMaxLength = 80;
    public const int ProtocolMaxLength = 40;
    public const int MessageMaxLength = 500;
    // Each version is one item, and the current one is also carried by the head while its version item is owed:
    // these bounds keep both far below DynamoDB's 400 KB item limit (about 100 KB at most).
    public const int MaxComponents = 100;
    public const int MaxConnections = 300;
    public const int MaxPageSize = 100;

    /// <returns>Field name → messages (components[2].name, connections[0].to …); empty when the input is valid.</returns>
    public static Dictionary<string, string[]> Check(ArchitectureInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var name = TextRules.Normalize(input.Name);
        if (name.Length == 0) errors["name"] = ["Name is required."];
        else if (name.Length > NameMaxLength) errors["name"] = [$"Name must be at most {NameMaxLength} characters."];
        else if (TextRules.HasHiddenCharacters(name)) errors["name"] = ["Name must not contain control, invisible or direction-changing characters."];
        var description = TextRules.Normalize(input.Description);
        if (description.Length > DescriptionMaxLength) errors["description"] = [$"Description must be at most {DescriptionMaxLength} characters."];
        else if (TextRules.HasHiddenCharactersInFreeText(description)) errors["description"] = ["Description must not contain control characters or direction overrides."];
        if (input.Style is { } style && !Enum.IsDefined(style)) errors["style"] = ["Style is not one of the known styles."];

        var components = input.Components ?? [];
        if (components.Count > MaxComponents) errors["components"] = [$"An architecture has at most {MaxComponents} components."];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(components.Count, MaxComponents); i++)
        {
            var component = components[i];
            var field = $"components[{i}]";
            if (component is null) { errors[field] = ["A component is required here."]; continue; }
            var componentName = TextRules.Normalize(component.Name);
            if (ShortText(componentName, "Name", ComponentNameMaxLength, required: true) is { } nameError) errors[$"{field}.name"] = [nameError];
            else if (!names.Add(Identity(componentName))) errors[$"{field}.name"] = [$"Another component is already named '{componentName}'."];
            if (component.Kind is { } kind && !Enum.IsDefined(kind)) errors[$"{field}.kind"] = ["Kind is not one of the known kinds."];
            if (ShortText(TextRules.Normalize(component.Technology), "Technology", TechnologyMaxLength, required: false) is { } techError)
                errors[$"{field}.technology"] = [techError];
        }

        var connections = input.Connections ?? [];
        if (connections.Count > MaxConnections) errors["connections"] = [$"An architecture has at most {MaxConnections} connections."];
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < Math.Min(connections.Count, MaxConnections); i++)
        {
            var connection = connections[i];
            var field = $"connections[{i}]";
            if (connection is null) { errors[field] = ["A connection is required here."]; continue; }
            var from = Identity(TextRules.Normalize(connection.From));
            var to = Identity(TextRules.Normalize(connection.To));
            if (from.Length == 0) errors[$"{field}.from"] = ["From is required."];
            else if (!names.Contains(from)) errors[$"{field}.from"] = [$"No component is named '{Shorten(connection.From)}'."];
            if (to.Length == 0) errors[$"{field}.to"] = ["To is required."];
            else if (!names.Contains(to)) errors[$"{field}.to"] = [$"No component is named '{Shorten(connection.To)}'."];
            if (from.Length > 0 && from == to) errors[$"{field}.to"] = ["A connection must link two different components."];
            else if (from.Length > 0 && to.Length > 0 && !pairs.Add((from, to)))
                errors[$"{field}.to"] = ["These two components are already connected in this direction; edit that connection instead."];
            if (ShortText(TextRules.Normalize(connection.Label), "Label", LabelMaxLength, required: false) is { } labelError) errors[$"{field}.label"] = [labelError];
            if (ShortText(TextRules.Normalize(connection.Protocol), "Protocol", ProtocolMaxLength, required: false) is { } protocolError)
                errors[$"{field}.protocol"] = [protocolError];
        }
        return errors;
    }

    /// <summary>The input as stored: trimmed, NFC-normalised, connection ends spelled as their components are.</summary>
    /// <exception cref="ValidationFailedException">The input breaks a rule.</exception>
    public static ArchitectureContent Normalize(ArchitectureInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var components = (input.Components ?? []).Select(c => new ArchitectureComponent(
            TextRules.Normalize(c.Name), c.Kind ?? ComponentKind.Service, TextRules.Normalize(c.Technology))).ToList();
        var spelled = components.ToDictionary(c => Identity(c.Name), c => c.Name);
        var connections = (input.Connections ?? []).Select(c => new ArchitectureConnection(
            spelled[Identity(TextRules.Normalize(c.From))], spelled[Identity(TextRules.Normalize(c.To))],
            TextRules.Normalize(c.Label), TextRules.Normalize(c.Protocol))).ToList();
        return new ArchitectureContent(TextRules.Normalize(input.Name), TextRules.Normalize(input.Description),
            input.Style ?? ArchitectureStyle.Other, components, connections);
    }

    /// <exception cref="ValidationFailedException">The message is too long or hides characters.</exception>
    public static string NormalizeMessage(string? message, string fallback)
    {
        var text = TextRules.Normalize(message);
        if (text.Length > MessageMaxLength) throw new ValidationFailedException("message", $"Message must be at most {MessageMaxLength} characters.");
        if (TextRules.HasHiddenCharactersInFreeText(text)) throw new ValidationFailedException("message", "Message must not contain control characters or direction overrides.");
        return text.Length == 0 ? fallback : text;
    }

    /// <summary>How component names are compared: one Unicode form, ignoring case.</summary>
    public static string Identity(string name) => TextRules.Normalize(name).ToLowerInvariant();

    /// <summary>The list index sort key: names compare case-insensitively, the id keeps equal names apart.</summary>
    public static string NameSortKey(string name, string id) => $"{Identity(name)}#{id}";

    /// <summary>The input that reproduces <paramref name="content"/> (the editor starts from it; an update fills gaps with it).</summary>
    public static ArchitectureInput ToInput(ArchitectureContent content) => new(content.Name, content.Description, content.Style,
        content.Components.Select(c => new ComponentInput(c.Name, c.Kind, c.Technology)).ToList(),
        content.Connections.Select(c => new ConnectionInput(c.From, c.To, c.Label, c.Protocol)).ToList());

    private static string? ShortText(string text, string what, int max, bool required) =>
        required && text.Length == 0 ? $"{what} is required."
        : text.Length > max ? $"{what} must be at most {max} characters."
        : TextRules.HasHiddenCharacters(text) ? $"{what} must not contain control, invisible or direction-changing characters."
        : null;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
