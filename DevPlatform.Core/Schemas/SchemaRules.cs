using System.Text;
using DevPlatform.Core.Common;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// The rules a schema must keep, shared by the service, the API and the editor (which marks the same fields the server
/// would refuse). Errors are keyed by the path of the part that breaks a rule — <c>name</c>, <c>entities[2].name</c>,
/// <c>entities[2].fields[0].default</c>, <c>entities[0].relations[1].target</c>, <c>entities[0].indexes[0].fields[1]</c>.
/// </summary>
public static class SchemaRules
{
    public const int NameMaxLength = 100;
    public const int MessageMaxLength = 500;
    public const int IdentifierMaxLength = 40;
    /// <summary>PostgreSQL's limit for any identifier (longer ones are cut, and two cut names could collide).</summary>
    public const int SqlIdentifierMaxLength = 63;
    public const int MaxEntities = 200;
    public const int MaxFieldsPerEntity = 200;
    public const int MaxRelationsPerEntity = 50;
    public const int MaxIndexesPerEntity = 20;
    public const int MaxFieldsPerIndex = 8;
    public const int MaxEnumValues = 100;
    public const int MaxStringLength = 10_000;
    public const int DefaultMaxLength = 1_000;
    /// <summary>
    /// A version is one item, and while its item is still owed the head carries it too: this keeps both well under
    /// DynamoDB's 400 KB item limit, whatever mix of counts adds up to it.
    /// </summary>
    public const int MaxStoredBytes = 256 * 1024;
    public const int MaxPageSize = 100;

    /// <summary>The name every entity's implicit primary key has (a uuid); no field or relation may take it.</summary>
    public const string ImplicitKey = "id";

    /// <returns>Path → messages; empty when the input is valid.</returns>
    public static Dictionary<string, string[]> Check(SchemaInput input)
    {
        var check = new SchemaCheck(input);
        check.Run();
        if (check.Errors.Count == 0 && SizeError(ToDefinition(input)) is { } size) check.Errors["entities"] = [size];
        return check.Errors;
    }

    /// <summary>The schema as stored: names trimmed, targets and index fields spelled as what they name, defaults in canonical form.</summary>
    /// <exception cref="ValidationFailedException">The input breaks a rule.</exception>
    public static (string Name, SchemaDefinition Definition) Normalize(SchemaInput input)
    {
        var check = new SchemaCheck(input);
        check.Run();
        if (check.Errors.Count > 0) throw new ValidationFailedException(check.Errors);
        var definition = ToDefinition(input);
        if (SizeError(definition) is { } size) throw new ValidationFailedException("entities", size);
        return (TextRules.Normalize(input.Name), definition);
    }

    /// <summary>Checks a stored definition again (a restore, a code generator's input): true when it keeps every rule.</summary>
    public static bool IsValid(string name, SchemaDefinition definition) => Check(SchemaInputs.From(name, definition)).Count == 0;

    /// <exception cref="ValidationFailedException">The message is too long or hides characters.</exception>
    public static string NormalizeMessage(string? message, string fallback)
    {
        var text = TextRules.Normalize(message);
        if (text.Length > MessageMaxLength) throw new ValidationFailedException("message", $"Message must be at most {MessageMaxLength} characters.");
        if (TextRules.HasHiddenCharactersInFreeText(text)) throw new ValidationFailedException("message", "Message must not contain control characters or direction overrides.");
        return text.Length == 0 ? fallback : text;
    }

    /// <summary>How names are compared: ignoring case (C# and SQL tools disagree on case, so two names may not differ only by it).</summary>
    public static string NameKey(string name) => TextRules.Normalize(name).ToLowerInvariant();

    /// <summary>The list index sort key: names compare case-insensitively, the id keeps equal names apart.</summary>
    public static string NameSortKey(string name, string id) => $"{NameKey(name)}#{id}";

    /// <summary>The JSON words of the field types, as the API and the text view write them.</summary>
    public static IReadOnlyList<string> TypeWords { get; } = Enum.GetValues<FieldType>().Select(SchemaWords.Of).ToList();

    private static string? SizeError(SchemaDefinition definition)
    {
        var bytes = Encoding.UTF8.GetByteCount(DocumentJson.Serialize(definition));
        return bytes <= MaxStoredBytes ? null
            : $"The schema is too large to store ({bytes / 1024} KB; at most {MaxStoredBytes / 1024} KB): split it, or shorten defaults and enum values.";
    }

    /// <summary>The input as a definition; only for input that passed every check but the derived names and the size.</summary>
    internal static SchemaDefinition ToDefinition(SchemaInput input)
    {
        var entities = (input.Entities ?? []).OfType<EntityInput>().ToList();
        var spelled = entities.ToDictionary(e => NameKey(e.Name ?? ""), e => TextRules.Normalize(e.Name));
        return new SchemaDefinition(entities.Select(entity =>
        {
            var fields = (entity.Fields ?? []).OfType<FieldInput>().Select(ToField).ToList();
            var relations = (entity.Relations ?? []).OfType<RelationInput>().Select(r => new SchemaRelation(
                TextRules.Normalize(r.Name), r.Kind!.Value, spelled[NameKey(r.Target ?? "")], r.Kind == RelationKind.ManyToOne && r.Required == true)).ToList();
            var columns = new Dictionary<string, string>();
            foreach (var column in fields.Select(f => f.Name).Concat(relations.Where(r => r.Kind == RelationKind.ManyToOne).Select(r => RelationResolver.KeyColumn(r.Name))))
                columns.TryAdd(NameKey(column), column);
            var indexes = (entity.Indexes ?? []).OfType<IndexInput>().Select(i => new SchemaIndex(
                TextRules.Normalize(i.Name), (i.Fields ?? []).Select(f => columns[NameKey(f ?? "")]).ToList(), i.Unique == true)).ToList();
            return new SchemaEntity(TextRules.Normalize(entity.Name), fields, relations, indexes);
        }).ToList());
    }

    private static SchemaField ToField(FieldInput field)
    {
        var type = field.Type!.Value;
        var values = type == FieldType.Enum ? (field.Values ?? []).Select(v => TextRules.Normalize(v)).ToList() : null;
        return new SchemaField(TextRules.Normalize(field.Name), type, field.Required == true, type == FieldType.String ? field.MaxLength : null,
            field.Unique == true, SchemaDefaults.Canonical(type, field.Default, values), values);
    }
}
