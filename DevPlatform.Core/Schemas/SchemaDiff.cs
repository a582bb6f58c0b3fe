using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

public enum SchemaChangeKind
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>What a change is about.</summary>
public enum SchemaPart
{
    [JsonStringEnumMemberName("schema")] Schema,
    [JsonStringEnumMemberName("entity")] Entity,
    [JsonStringEnumMemberName("field")] Field,
    [JsonStringEnumMemberName("relation")] Relation,
    [JsonStringEnumMemberName("index")] Index,
}

/// <summary>One property that differs ("type", "maxLength", …), as text; null where it had no value.</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

/// <summary>
/// One entity, field, relation or index added, removed or changed. <see cref="Breaking"/> says why data or code made for
/// the older version may not work with the newer one (empty when the change is safe).
/// </summary>
/// <param name="Entity">The entity it belongs to (its name in the newer version, unless removed); empty for the schema's own name.</param>
/// <param name="Name">The field, relation or index; null for an entity or the schema.</param>
/// <param name="Summary">What the part is (in the newer version, unless removed): "string(320), required, unique".</param>
public sealed record SchemaChange(SchemaPart Part, SchemaChangeKind Kind, string Entity, string? Name, string Summary,
    IReadOnlyList<PropertyChange> Changes, IReadOnlyList<string> Breaking)
{
    public bool IsBreaking => Breaking.Count > 0;

    /// <summary>"Customer", "Customer.email".</summary>
    public string Path => Name is null ? Entity : $"{Entity}.{Name}";
}

/// <summary>What changed from version <see cref="From"/> to version <see cref="To"/>, entity by entity.</summary>
public sealed record SchemaDiff(long From, long To, IReadOnlyList<SchemaChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    public bool HasBreakingChanges => Changes.Any(c => c.IsBreaking);

    public int BreakingCount => Changes.Count(c => c.IsBreaking);
}
