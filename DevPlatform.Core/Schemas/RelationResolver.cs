namespace DevPlatform.Core.Schemas;

/// <summary>
/// A foreign-key column: <see cref="Entity"/>'s table holds the key of a <see cref="Target"/> row in <see cref="Column"/>.
/// </summary>
/// <param name="ManyToOne">The many-to-one relation of <see cref="Entity"/> this column serves; null when the column is
/// implied by a one-to-many of <see cref="Target"/> with no many-to-one to pair with.</param>
/// <param name="OneToMany">The one-to-many relation of <see cref="Target"/> that is this column's inverse, if any.</param>
/// <param name="Required">The key may not be null (only an explicit, required many-to-one).</param>
public sealed record ForeignKeyColumn(string Entity, string Column, string Target, bool Required, string? ManyToOne, string? OneToMany);

/// <summary>
/// The link table of a many-to-many relation: one row per linked pair, (<see cref="EntityColumn"/>, <see cref="TargetColumn"/>)
/// its key. <see cref="InverseRelation"/> is the target's many-to-many back, when the two are one relation seen from both ends.
/// </summary>
public sealed record LinkTable(string Name, string Entity, string EntityColumn, string Target, string TargetColumn, string Relation, string? InverseRelation);

/// <summary>Every foreign-key column and link table a schema's relations make.</summary>
public sealed record RelationMap(IReadOnlyList<ForeignKeyColumn> ForeignKeys, IReadOnlyList<LinkTable> LinkTables)
{
    /// <summary>The key columns <paramref name="entity"/>'s table holds, explicit ones (in relation order) first.</summary>
    public IEnumerable<ForeignKeyColumn> ForeignKeysOf(string entity) => ForeignKeys.Where(k => Same(k.Entity, entity));

    /// <summary>
    /// The column behind a relation of <paramref name="entity"/>: for a many-to-one, the column on <paramref name="entity"/>;
    /// for a one-to-many, the column on its target. Null for a many-to-many (see <see cref="LinkTableOf"/>) or an unknown relation.
    /// </summary>
    public ForeignKeyColumn? ForeignKeyOf(string entity, string relation) =>
        ForeignKeys.FirstOrDefault(k => Same(k.Entity, entity) && k.ManyToOne is { } m && Same(m, relation))
        ?? ForeignKeys.FirstOrDefault(k => Same(k.Target, entity) && k.OneToMany is { } o && Same(o, relation));

    /// <summary>The link table of a many-to-many relation of <paramref name="entity"/>, seen from either end.</summary>
    public LinkTable? LinkTableOf(string entity, string relation) =>
        LinkTables.FirstOrDefault(l => (Same(l.Entity, entity) && Same(l.Relation, relation))
            || (Same(l.Target, entity) && l.InverseRelation is { } inverse && Same(inverse, relation)));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// What a schema's relations mean in tables, the one answer the code generators and the ER diagram share
/// (docs/decisions.md, Schema):
/// <list type="bullet">
/// <item>many-to-one <c>r</c> on A: A gets the key column <c>{r}Id</c> (nullable unless the relation is required);</item>
/// <item>one-to-many on A targeting B: the inverse of B's many-to-one to A when B has exactly one; otherwise B gets a
/// nullable key column <c>{camelCase(A)}Id</c>;</item>
/// <item>many-to-many <c>r</c> on A targeting B: a link table <c>{A}{PascalCase(r)}</c> with <c>{camelCase(A)}Id</c> and
/// <c>{camelCase(B)}Id</c> (for A = B the second is <c>{r}Id</c>); when A and B each have exactly one many-to-many to the
/// other, the two are one link table, named from the one that comes first in the schema.</item>
/// </list>
/// Every entity also has its implicit uuid key <c>id</c>, which is what each key column holds.
/// </summary>
public static class RelationResolver
{
    /// <summary>Names are compared ignoring case (the rules keep them unique that way); what is returned is spelled as declared.</summary>
    public static RelationMap Resolve(SchemaDefinition schema)
    {
        var keys = new List<ForeignKeyColumn>();
        foreach (var entity in schema.Entities)
            foreach (var relation in entity.RelationList.Where(r => r.Kind == RelationKind.ManyToOne))
                keys.Add(new ForeignKeyColumn(entity.Name, KeyColumn(relation.Name), Spelled(schema, relation.Target), relation.Required, relation.Name, null));

        foreach (var entity in schema.Entities)
            foreach (var relation in entity.RelationList.Where(r => r.Kind == RelationKind.OneToMany))
            {
                var target = Spelled(schema, relation.Target);
                var back = keys.Where(k => Same(k.Entity, target) && Same(k.Target, entity.Name) && k.ManyToOne is not null).ToList();
                if (back.Count == 1 && back[0].OneToMany is null)
                    keys[keys.IndexOf(back[0])] = back[0] with { OneToMany = relation.Name };
                else
                    keys.Add(new ForeignKeyColumn(target, KeyColumn(CamelCase(entity.Name)), entity.Name, false, null, relation.Name));
            }

        var links = new List<LinkTable>();
        var paired = new HashSet<(string, string)>();
        foreach (var entity in schema.Entities)
            foreach (var relation in entity.RelationList.Where(r => r.Kind == RelationKind.ManyToMany))
            {
                if (paired.Contains((entity.Name.ToLowerInvariant(), relation.Name.ToLowerInvariant()))) continue;
                var target = Spelled(schema, relation.Target);
                var inverse = Same(target, entity.Name) ? null : SoleManyToMany(schema, target, entity.Name) is { } back
                    && SoleManyToMany(schema, entity.Name, target) is not null ? back : null;
                if (inverse is not null) paired.Add((target.ToLowerInvariant(), inverse.Name.ToLowerInvariant()));
                var entityColumn = KeyColumn(CamelCase(entity.Name));
                var targetColumn = Same(target, entity.Name) ? KeyColumn(relation.Name) : KeyColumn(CamelCase(target));
                links.Add(new LinkTable(entity.Name + PascalCase(relation.Name), entity.Name, entityColumn, target, targetColumn, relation.Name, inverse?.Name));
            }
        return new RelationMap(keys, links);
    }

    /// <summary>The key column of a many-to-one relation: <c>customer</c> → <c>customerId</c>.</summary>
    public static string KeyColumn(string relationOrEntity) => relationOrEntity + "Id";

    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string PascalCase(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static SchemaRelation? SoleManyToMany(SchemaDefinition schema, string from, string to)
    {
        var entity = schema.Entities.FirstOrDefault(e => Same(e.Name, from));
        var all = entity?.RelationList.Where(r => r.Kind == RelationKind.ManyToMany && Same(r.Target, to)).ToList() ?? [];
        return all.Count == 1 ? all[0] : null;
    }

    private static string Spelled(SchemaDefinition schema, string name) => schema.Entities.FirstOrDefault(e => Same(e.Name, name))?.Name ?? name;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
