using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>A field's type, written in JSON as the lower-case word the issue and the DSL use ("datetime", "uuid").</summary>
public enum FieldType
{
    [JsonStringEnumMemberName("string")] String,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("int")] Int,
    [JsonStringEnumMemberName("long")] Long,
    [JsonStringEnumMemberName("decimal")] Decimal,
    [JsonStringEnumMemberName("bool")] Bool,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("datetime")] DateTime,
    [JsonStringEnumMemberName("uuid")] Uuid,
    /// <summary>One of <see cref="SchemaField.Values"/>.</summary>
    [JsonStringEnumMemberName("enum")] Enum,
    [JsonStringEnumMemberName("json")] Json,
}

/// <summary>
/// How an entity points at another. many-to-one: this entity holds the key of one target (a column
/// <c>{relation}Id</c>). one-to-many: each target row holds the key of one of this entity (the inverse of a
/// many-to-one; see docs/decisions.md, Schema). many-to-many: a link table between the two.
/// </summary>
public enum RelationKind
{
    [JsonStringEnumMemberName("one-to-many")] OneToMany,
    [JsonStringEnumMemberName("many-to-one")] ManyToOne,
    [JsonStringEnumMemberName("many-to-many")] ManyToMany,
}

/// <summary>
/// A column of an entity. Every entity also has an implicit primary key <c>id</c> (a uuid), which is never listed here.
/// </summary>
/// <param name="MaxLength">For string only: the most characters it holds (text is unbounded).</param>
/// <param name="Default">The default as text in the field's own type ("0", "true", "draft" for an enum); null for none.</param>
/// <param name="Values">For enum only: the allowed values, in order.</param>
public sealed record SchemaField(
    string Name,
    FieldType Type,
    bool Required = false,
    int? MaxLength = null,
    bool Unique = false,
    string? Default = null,
    IReadOnlyList<string>? Values = null);

/// <param name="Name">The navigation's name on this entity ("customer", "lines", "tags").</param>
/// <param name="Target">The name of the entity it points at (may be this entity itself).</param>
/// <param name="Required">many-to-one only: the key may not be null.</param>
public sealed record SchemaRelation(string Name, RelationKind Kind, string Target, bool Required = false);

/// <summary>An index over one or more of the entity's fields (or many-to-one relations' keys, named "{relation}Id").</summary>
public sealed record SchemaIndex(string Name, IReadOnlyList<string> Fields, bool Unique = false);

public sealed record SchemaEntity(
    string Name,
    IReadOnlyList<SchemaField> Fields,
    IReadOnlyList<SchemaRelation>? Relations = null,
    IReadOnlyList<SchemaIndex>? Indexes = null)
{
    [JsonIgnore] public IReadOnlyList<SchemaRelation> RelationList => Relations ?? [];

    [JsonIgnore] public IReadOnlyList<SchemaIndex> IndexList => Indexes ?? [];
}

/// <summary>What a schema version holds: the data model a user designs and code is generated from.</summary>
public sealed record SchemaDefinition(IReadOnlyList<SchemaEntity> Entities);
