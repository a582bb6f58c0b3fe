using System.Text.RegularExpressions;
using DevPlatform.Core.Common;
using static DevPlatform.Core.Schemas.SchemaRules;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// One run of <see cref="SchemaRules"/> over an input: names, types and constraints first, then (once those hold) the
/// names the relations make — key columns and link tables — which must not clash with anything.
/// </summary>
internal sealed partial class SchemaCheck(SchemaInput input)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    /// <summary>Every entity name given (trimmed, by identity), valid or not, so a bad name is not also an unknown target.</summary>
    private readonly HashSet<string> _entityNames = [];
    private readonly HashSet<string> _indexNames = [];

    public void Run()
    {
        var name = TextRules.Normalize(input.Name);
        if (name.Length == 0) Add("name", "Name is required.");
        else if (name.Length > NameMaxLength) Add("name", $"Name must be at most {NameMaxLength} characters.");
        else if (TextRules.HasHiddenCharacters(name)) Add("name", "Name must not contain control, invisible or direction-changing characters.");

        var entities = input.Entities ?? [];
        if (entities.Count > MaxEntities) Add("entities", $"A schema has at most {MaxEntities} entities; this one has {entities.Count}.");
        var count = Math.Min(entities.Count, MaxEntities);
        for (var i = 0; i < count; i++)
        {
            if (entities[i] is not { } entity) { Add($"entities[{i}]", "An entity is required here."); continue; }
            var path = $"entities[{i}].name";
            if (Identifier(entity.Name, "Entity name", NameUse.Type) is { } error) Add(path, error);
            else if (!_entityNames.Add(NameKey(entity.Name!))) Add(path, $"Another entity is already named '{TextRules.Normalize(entity.Name)}' (names are compared ignoring case).");
        }
        // Invalid names too: a relation to an entity whose name breaks a rule is not also "no such entity".
        foreach (var entity in entities.Take(count)) if (entity is not null) _entityNames.Add(NameKey(entity.Name ?? ""));
        for (var i = 0; i < count; i++)
            if (entities[i] is { } entity) CheckEntity($"entities[{i}]", entity);
        if (Errors.Count == 0) CheckDerivedNames(ToDefinition(input));
    }

    private void CheckEntity(string path, EntityInput entity)
    {
        var members = new HashSet<string>();
        var fields = entity.Fields ?? [];
        if (fields.Count > MaxFieldsPerEntity) Add($"{path}.fields", $"An entity has at most {MaxFieldsPerEntity} fields; this one has {fields.Count}.");
        for (var j = 0; j < Math.Min(fields.Count, MaxFieldsPerEntity); j++)
        {
            if (fields[j] is not { } field) { Add($"{path}.fields[{j}]", "A field is required here."); continue; }
            CheckField($"{path}.fields[{j}]", field, members);
        }
        var relations = entity.Relations ?? [];
        if (relations.Count > MaxRelationsPerEntity) Add($"{path}.relations", $"An entity has at most {MaxRelationsPerEntity} relations; this one has {relations.Count}.");
        for (var k = 0; k < Math.Min(relations.Count, MaxRelationsPerEntity); k++)
        {
            if (relations[k] is not { } relation) { Add($"{path}.relations[{k}]", "A relation is required here."); continue; }
            CheckRelation($"{path}.relations[{k}]", relation, members);
        }
        var indexes = entity.Indexes ?? [];
        if (indexes.Count > MaxIndexesPerEntity) Add($"{path}.indexes", $"An entity has at most {MaxIndexesPerEntity} indexes; this one has {indexes.Count}.");
        var columns = IndexableColumns(entity);
        var covered = new Dictionary<string, string>();
        for (var k = 0; k < Math.Min(indexes.Count, MaxIndexesPerEntity); k++)
        {
            if (indexes[k] is not { } index) { Add($"{path}.indexes[{k}]", "An index is required here."); continue; }
            CheckIndex($"{path}.indexes[{k}]", index, TextRules.Normalize(entity.Name), columns, covered);
        }
    }

    private void CheckField(string path, FieldInput field, HashSet<string> members)
    {
        Member($"{path}.name", field.Name, "Field name", NameUse.Column, members);
        if (field.Type is not { } type)
        {
            Add($"{path}.type", $"Type is required: one of {SchemaWords.ListOf<FieldType>()}.");
            return;
        }
        if (!Enum.IsDefined(type)) { Add($"{path}.type", $"Type must be one of {SchemaWords.ListOf<FieldType>()}."); return; }
        var maxLengthValid = true;
        if (field.MaxLength is { } maxLength)
        {
            maxLengthValid = false;
            if (type != FieldType.String)
                Add($"{path}.maxLength", $"Only a string field has a maximum length{(type == FieldType.Text ? " (text is unbounded: use string for a bounded one)" : "")}.");
            else if (maxLength is < 1 or > MaxStringLength) Add($"{path}.maxLength", $"Maximum length must be between 1 and {MaxStringLength}.");
            else maxLengthValid = true;
        }
        var valuesValid = true;
        if (type == FieldType.Enum) valuesValid = CheckEnumValues($"{path}.values", field.Values);
        else if (field.Values is { Count: > 0 }) Add($"{path}.values", "Only an enum field has values.");
        if (field.Unique == true && type == FieldType.Json) Add($"{path}.unique", "A json field cannot be unique (JSON has no equality the databases index).");
        if (valuesValid && maxLengthValid
            && SchemaDefaults.Check(type, field.Default, field.Values?.Select(v => TextRules.Normalize(v)).ToList(), field.MaxLength) is { } defaultError)
            Add($"{path}.default", defaultError);
    }

    private bool CheckEnumValues(string path, IReadOnlyList<string?>? values)
    {
        if (values is not { Count: > 0 }) { Add(path, "An enum field needs at least one value."); return false; }
        if (values.Count > MaxEnumValues) { Add(path, $"An enum has at most {MaxEnumValues} values; this one has {values.Count}."); return false; }
        var seen = new HashSet<string>();
        foreach (var raw in values)
        {
            var value = TextRules.Normalize(raw);
            string? error = value.Length == 0 ? "Every enum value needs a name; remove the empty one."
                : value.Length > IdentifierMaxLength ? $"Enum value '{Shorten(value)}' is longer than {IdentifierMaxLength} characters."
                : !EnumValuePattern().IsMatch(value) ? $"Enum value '{Shorten(value)}' must start with a letter and hold only letters, digits and _."
                : ReservedWords.LanguagesReserving(value, NameUse.Member) is { Count: > 0 } languages ? $"Enum value '{value}' is a reserved word in {Words(languages)}."
                : !seen.Add(NameKey(value)) ? $"Enum value '{value}' is listed twice (values are compared ignoring case)."
                : null;
            if (error is not null) { Add(path, error); return false; }
        }
        return true;
    }

    /// <summary>A field's or relation's name: a valid identifier, not the implicit key, and unique among the entity's members.</summary>
    private void Member(string path, string? name, string what, NameUse use, HashSet<string> members)
    {
        if (Identifier(name, what, use) is { } error) Add(path, error);
        else if (NameKey(name!) == ImplicitKey) Add(path, $"'{TextRules.Normalize(name)}' is the implicit primary key every entity has; choose another name.");
        else if (!members.Add(NameKey(name!))) Add(path, $"Another field or relation of this entity is named '{TextRules.Normalize(name)}' (names are compared ignoring case).");
    }

    /// <returns>Why <paramref name="name"/> cannot name an entity, field or relation; null when it can.</returns>
    internal static string? Identifier(string? name, string what, NameUse use)
    {
        var text = TextRules.Normalize(name);
        if (text.Length == 0) return $"{what} is required.";
        if (text.Length > IdentifierMaxLength) return $"{what} must be at most {IdentifierMaxLength} characters.";
        if (!IdentifierPattern().IsMatch(text)) return $"{what} '{Shorten(text)}' must start with a letter (a–z, A–Z) and hold only letters and digits.";
        var languages = ReservedWords.LanguagesReserving(text, use);
        return languages.Count > 0 ? $"'{text}' is a reserved word in {Words(languages)}; choose another name." : null;
    }

    private void Add(string path, string message) => Errors.TryAdd(path, [message]);

    private static string Words(IReadOnlyList<string> languages) =>
        languages.Count == 1 ? languages[0] : string.Join(", ", languages.Take(languages.Count - 1)) + " and " + languages[^1];

    internal static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex EnumValuePattern();
}
