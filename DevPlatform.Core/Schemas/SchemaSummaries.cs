namespace DevPlatform.Core.Schemas;

/// <summary>One line saying what a part of a schema is, for the diff and the screens: "string(320), required, unique".</summary>
public static class SchemaSummaries
{
    public static string Of(SchemaEntity entity) =>
        string.Join(", ", new[] { Count(entity.Fields.Count, "field"), Count(entity.RelationList.Count, "relation"), Count(entity.IndexList.Count, "index", "indexes") }
            .Where(s => s is not null));

    public static string Of(SchemaField field)
    {
        var parts = new List<string>
        {
            field.Type switch
            {
                FieldType.String when field.MaxLength is { } max => $"string({max})",
                FieldType.Enum => $"enum [{string.Join(", ", field.Values ?? [])}]",
                _ => SchemaWords.Of(field.Type),
            },
        };
        if (field.Required) parts.Add("required");
        if (field.Unique) parts.Add("unique");
        if (field.Default is { } value) parts.Add($"default {(value.Length <= 40 ? value : value[..40] + "…")}");
        return string.Join(", ", parts);
    }

    public static string Of(SchemaRelation relation) =>
        $"{SchemaWords.Of(relation.Kind)} → {relation.Target}{(relation.Required ? ", required" : "")}";

    public static string Of(SchemaIndex index) => $"({string.Join(", ", index.Fields)}){(index.Unique ? ", unique" : "")}";

    private static string? Count(int n, string one, string? many = null) => n == 0 && one != "field" ? null : $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
