using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// A schema as a user sends it (the API body, the editor's JSON text view): every part optional and nullable, so a
/// missing name or type is a rule broken with its field named, not a value silently defaulted. <see cref="SchemaRules"/>
/// checks it and turns it into a <see cref="SchemaDefinition"/>.
/// </summary>
public sealed record SchemaInput(string? Name, IReadOnlyList<EntityInput?>? Entities);

public sealed record EntityInput(
    string? Name,
    IReadOnlyList<FieldInput?>? Fields = null,
    IReadOnlyList<RelationInput?>? Relations = null,
    IReadOnlyList<IndexInput?>? Indexes = null);

/// <param name="Default">As text in the field's type; JSON numbers and true/false are taken as their text ("0", "true").</param>
public sealed record FieldInput(
    string? Name,
    FieldType? Type,
    bool? Required = null,
    int? MaxLength = null,
    bool? Unique = null,
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Default = null,
    IReadOnlyList<string?>? Values = null);

public sealed record RelationInput(string? Name, RelationKind? Kind, string? Target, bool? Required = null);

public sealed record IndexInput(string? Name, IReadOnlyList<string?>? Fields, bool? Unique = null);

/// <summary>The input that reproduces a stored definition (the editor starts from it).</summary>
public static class SchemaInputs
{
    public static SchemaInput From(string name, SchemaDefinition definition) => new(name, definition.Entities.Select(From).ToList());

    public static EntityInput From(SchemaEntity entity) => new(entity.Name,
        entity.Fields.Select(f => (FieldInput?)new FieldInput(f.Name, f.Type, f.Required, f.MaxLength, f.Unique, f.Default, f.Values?.ToList())).ToList(),
        entity.RelationList.Select(r => (RelationInput?)new RelationInput(r.Name, r.Kind, r.Target, r.Required)).ToList(),
        entity.IndexList.Select(i => (IndexInput?)new IndexInput(i.Name, i.Fields.ToList<string?>(), i.Unique)).ToList());
}
