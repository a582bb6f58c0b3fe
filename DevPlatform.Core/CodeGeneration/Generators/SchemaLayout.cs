using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>A key column an entity holds: a many-to-one's "{relation}Id", or the one a one-to-many of another entity implies.</summary>
/// <param name="Column">The column's schema-style name ("customerId").</param>
internal sealed record ForeignKeyColumn(string Column, string Target, bool Required);

/// <summary>The link table of a many-to-many: pairs of the owner's and the target's keys.</summary>
/// <param name="Navigation">The relation's name on the owner ("tags"); the owner's records carry "{navigation}Ids".</param>
internal sealed record LinkTable(string Name, string Owner, string Navigation, string OwnerColumn, string Target, string TargetColumn)
{
    /// <summary>"tags" → "tagIds".</summary>
    public string IdsProperty => Naming.Singular(Navigation) + "Ids";
}

/// <summary>A column of an entity as the targets see it: a field, or a foreign key.</summary>
internal sealed record Column(string Name, SchemaField? Field, ForeignKeyColumn? ForeignKey)
{
    public bool Required => Field?.Required ?? ForeignKey!.Required;
}

internal sealed record EntityLayout(SchemaEntity Entity, IReadOnlyList<ForeignKeyColumn> ForeignKeys, IReadOnlyList<LinkTable> Links)
{
    public string Name => Entity.Name;

    public IReadOnlyList<SchemaField> Fields => Entity.Fields;

    /// <summary>Fields in schema order, then key columns.</summary>
    public IEnumerable<Column> Columns =>
        Fields.Select(f => new Column(f.Name, f, null)).Concat(ForeignKeys.Select(k => new Column(k.Column, null, k)));

    public Column? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// The schema resolved into what the targets need: which entity holds which key column and which link tables exist,
/// by the agreed relation semantics — many-to-one: a column "{relation}Id" on this entity (nullable unless required);
/// one-to-many from A to B: the inverse of B's many-to-one to A when B has exactly one, else B gets "{camelCase(A)}Id";
/// many-to-many: a link table of the two keys.
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

    public IEnumerable<LinkTable> Links => Entities.SelectMany(e => e.Links);

    public EntityLayout Entity(string name) => _byName[name];

    /// <summary>Who points at <paramref name="entity"/>: key columns and link tables, for the delete checks.</summary>
    public IEnumerable<(EntityLayout From, ForeignKeyColumn Key)> KeysTo(string entity) =>
        Entities.SelectMany(e => e.ForeignKeys.Where(k => k.Target == entity).Select(k => (e, k)));

    public IEnumerable<LinkTable> LinksTo(string entity) => Links.Where(l => l.Target == entity);

    public static SchemaLayout Of(SchemaDefinition schema)
    {
        if (schema.Entities.Count == 0) throw new CodeGenerationException("The schema has no entities: there is nothing to generate.");
        var names = schema.Entities.Select(e => e.Name).ToList();
        string TargetOf(SchemaEntity owner, SchemaRelation relation) =>
            names.FirstOrDefault(n => n == relation.Target)
            ?? names.FirstOrDefault(n => string.Equals(n, relation.Target, StringComparison.OrdinalIgnoreCase))
            ?? throw new CodeGenerationException($"{owner.Name}.{relation.Name} points at '{relation.Target}', which is not an entity of this schema.");

        var keys = schema.Entities.ToDictionary(e => e.Name, e => e.RelationList.Where(r => r.Kind == RelationKind.ManyToOne)
            .Select(r => new ForeignKeyColumn(r.Name + "Id", TargetOf(e, r), r.Required)).ToList());
        foreach (var owner in schema.Entities)
        {
            foreach (var relation in owner.RelationList.Where(r => r.Kind == RelationKind.OneToMany))
            {
                var target = schema.Entities.First(e => e.Name == TargetOf(owner, relation));
                var inverses = target.RelationList.Count(r => r.Kind == RelationKind.ManyToOne && TargetOf(target, r) == owner.Name);
                if (inverses == 1) continue;
                var column = Naming.Camel(owner.Name) + "Id";
                var taken = target.Fields.Any(f => f.Name == column) || keys[target.Name].Any(k => k.Column == column);
                if (!taken) keys[target.Name].Add(new ForeignKeyColumn(column, owner.Name, false));
            }
        }
        var entities = schema.Entities.Select(e => new EntityLayout(e, keys[e.Name], e.RelationList.Where(r => r.Kind == RelationKind.ManyToMany)
            .Select(r => Link(e, r, TargetOf(e, r))).ToList())).ToList();
        return new SchemaLayout(entities);
    }

    private static LinkTable Link(SchemaEntity owner, SchemaRelation relation, string target)
    {
        var ownerColumn = Naming.Camel(owner.Name) + "Id";
        var targetColumn = Naming.Camel(target) + "Id";
        // A self many-to-many ("Person.friends") needs two different column names.
        if (targetColumn == ownerColumn) targetColumn = Naming.Singular(relation.Name) + "Id";
        return new LinkTable(owner.Name + Naming.Pascal(relation.Name), owner.Name, relation.Name, ownerColumn, target, targetColumn);
    }
}
