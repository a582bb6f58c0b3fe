using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>A key column an entity holds: a many-to-one's "{relation}Id", or the one a one-to-many of another entity implies.</summary>
/// <param name="Column">The column's schema-style name ("customerId").</param>
internal sealed record EntityKey(string Column, string Target, bool Required);

/// <summary>The link table of a many-to-many: pairs of the owner's and the target's keys.</summary>
/// <param name="Navigation">The relation's name on the owner ("tags"); the owner's records carry "{navigation}Ids".</param>
internal sealed record EntityLink(string Name, string Owner, string Navigation, string OwnerColumn, string Target, string TargetColumn)
{
    /// <summary>"tags" → "tagIds".</summary>
    public string IdsProperty => Naming.Singular(Navigation) + "Ids";
}

/// <summary>A column of an entity as the targets see it: a field, or a foreign key.</summary>
internal sealed record Column(string Name, SchemaField? Field, EntityKey? ForeignKey)
{
    public bool Required => Field?.Required ?? ForeignKey!.Required;
}

internal sealed record EntityLayout(SchemaEntity Entity, IReadOnlyList<EntityKey> ForeignKeys, IReadOnlyList<EntityLink> Links)
{
    public string Name => Entity.Name;

    public IReadOnlyList<SchemaField> Fields => Entity.Fields;

    /// <summary>Fields in schema order, then key columns.</summary>
    public IEnumerable<Column> Columns =>
        Fields.Select(f => new Column(f.Name, f, null)).Concat(ForeignKeys.Select(k => new Column(k.Column, null, k)));

    public Column? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// The schema as the targets need it: each entity with the key columns it holds and the link tables it owns, read
/// from <see cref="RelationResolver"/> (docs/decisions.md, Schema, has the relation semantics).
/// </summary>
internal sealed class SchemaLayout
{
    private readonly Dictionary<string, EntityLayout> _byName;

    private SchemaLayout(IReadOnlyList<EntityLayout> entities)
    {
        Entities = entities;
        _byName = entities.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<EntityLayout> Entities { get; }

    public IEnumerable<EntityLink> Links => Entities.SelectMany(e => e.Links);

    public EntityLayout Entity(string name) => _byName[name];

    /// <summary>Who points at <paramref name="entity"/>: key columns and link tables, for the delete checks.</summary>
    public IEnumerable<(EntityLayout From, EntityKey Key)> KeysTo(string entity) =>
        Entities.SelectMany(e => e.ForeignKeys.Where(k => k.Target == entity).Select(k => (e, k)));

    public IEnumerable<EntityLink> LinksTo(string entity) => Links.Where(l => l.Target == entity);

    /// <summary>Lays the schema out by the schema area's <see cref="RelationResolver"/>, the one reading of relations the ER diagram shares.</summary>
    /// <exception cref="CodeGenerationException">No entities, or a relation pointing at an entity the schema does not have.</exception>
    public static SchemaLayout Of(SchemaDefinition schema)
    {
        if (schema.Entities.Count == 0) throw new CodeGenerationException("The schema has no entities: there is nothing to generate.");
        var names = schema.Entities.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var map = RelationResolver.Resolve(schema);
        foreach (var target in map.ForeignKeys.Select(k => (k.Entity, k.Target)).Concat(map.LinkTables.Select(l => (l.Entity, l.Target))))
            if (!names.Contains(target.Target))
                throw new CodeGenerationException($"{target.Entity} has a relation to '{target.Target}', which is not an entity of this schema.");
        // A many-to-many both ends declare is one link table; its owner (the first in the schema) carries the ids.
        var entities = schema.Entities.Select(e => new EntityLayout(e,
            map.ForeignKeysOf(e.Name).Select(k => new EntityKey(k.Column, k.Target, k.Required)).ToList(),
            map.LinkTables.Where(l => l.Entity == e.Name).Select(l => new EntityLink(l.Name, l.Entity, l.Relation, l.EntityColumn, l.Target, l.TargetColumn)).ToList()))
            .ToList();
        return new SchemaLayout(entities);
    }
}
