using System.Text.RegularExpressions;
using DevPlatform.Core.Common;
using static DevPlatform.Core.Schemas.SchemaRules;

namespace DevPlatform.Core.Schemas;

/// <summary>Relations, indexes, and the names relations make (key columns, link tables), which must clash with nothing.</summary>
internal sealed partial class SchemaCheck
{
    private void CheckRelation(string path, RelationInput relation, HashSet<string> members)
    {
        Member($"{path}.name", relation.Name, "Relation name", NameUse.Member, members);
        if (relation.Kind is not { } kind || !Enum.IsDefined(kind))
            Add($"{path}.kind", $"Kind is required: one of {SchemaWords.ListOf<RelationKind>()}.");
        else if (relation.Required == true && kind != RelationKind.ManyToOne)
            Add($"{path}.required", "Only a many-to-one relation can be required (it is the one that holds a key).");
        var target = TextRules.Normalize(relation.Target);
        if (target.Length == 0) Add($"{path}.target", "Target is required: the name of the entity the relation points at.");
        else if (!_entityNames.Contains(NameKey(target))) Add($"{path}.target", $"No entity is named '{Shorten(target)}'.");
    }

    /// <summary>What an index may list: the entity's fields (but json ones), and the key columns of its many-to-one relations.</summary>
    private static Dictionary<string, string> IndexableColumns(EntityInput entity)
    {
        var columns = new Dictionary<string, string>();
        foreach (var field in (entity.Fields ?? []).OfType<FieldInput>()) columns.TryAdd(NameKey(field.Name ?? ""), field.Type == FieldType.Json ? "json" : "field");
        foreach (var relation in (entity.Relations ?? []).OfType<RelationInput>().Where(r => r.Kind == RelationKind.ManyToOne))
            columns.TryAdd(NameKey(RelationResolver.KeyColumn(TextRules.Normalize(relation.Name))), "key");
        return columns;
    }

    private void CheckIndex(string path, IndexInput index, string entity, Dictionary<string, string> columns, Dictionary<string, string> covered)
    {
        var name = TextRules.Normalize(index.Name);
        if (name.Length == 0) Add($"{path}.name", "Index name is required.");
        else if (name.Length > SqlIdentifierMaxLength) Add($"{path}.name", $"Index name must be at most {SqlIdentifierMaxLength} characters.");
        else if (!IndexNamePattern().IsMatch(name)) Add($"{path}.name", $"Index name '{Shorten(name)}' must start with a letter and hold only letters, digits and _.");
        else if (ReservedWords.Sql.Contains(name)) Add($"{path}.name", $"'{name}' is a reserved word in SQL; choose another name.");
        else if (!_indexNames.Add(NameKey(name)))
            Add($"{path}.name", $"Another index is already named '{name}' (index names are shared by the whole database, ignoring case).");

        var fields = index.Fields ?? [];
        if (fields.Count == 0) { Add($"{path}.fields", "An index needs at least one field."); return; }
        if (fields.Count > MaxFieldsPerIndex) { Add($"{path}.fields", $"An index has at most {MaxFieldsPerIndex} fields."); return; }
        var seen = new HashSet<string>();
        for (var m = 0; m < fields.Count; m++)
        {
            var field = TextRules.Normalize(fields[m]);
            var key = $"{path}.fields[{m}]";
            if (field.Length == 0) Add(key, "Name the field to index.");
            else if (!columns.TryGetValue(NameKey(field), out var kind))
                Add(key, $"'{Shorten(field)}' is not a field of {entity} (nor the key column of one of its many-to-one relations, such as customerId).");
            else if (kind == "json") Add(key, $"'{field}' is a json field, which cannot be indexed.");
            else if (!seen.Add(NameKey(field))) Add(key, $"'{field}' is listed twice in this index.");
        }
        var set = string.Join(",", fields.Select(f => NameKey(f ?? "")));
        if (covered.TryGetValue(set, out var other)) Add($"{path}.fields", $"The index '{other}' already covers the same fields in the same order.");
        else covered[set] = name;
    }

    /// <summary>
    /// Key columns and link tables (<see cref="RelationResolver"/>) must not clash with a field, each other, a table or an
    /// index; each clash is reported on the relation that makes the name.
    /// </summary>
    private void CheckDerivedNames(SchemaDefinition schema)
    {
        var map = RelationResolver.Resolve(schema);
        var position = schema.Entities.Select((e, i) => (e.Name, i)).ToDictionary(p => NameKey(p.Name), p => p.i);
        string RelationPath(string entity, string relation) =>
            $"entities[{position[NameKey(entity)]}].relations[{schema.Entities[position[NameKey(entity)]].RelationList.ToList().FindIndex(r => NameKey(r.Name) == NameKey(relation))}]";

        foreach (var entity in schema.Entities)
        {
            var taken = entity.Fields.ToDictionary(f => NameKey(f.Name), f => $"the field '{f.Name}'");
            taken[ImplicitKey] = "the implicit key 'id'";
            foreach (var key in map.ForeignKeysOf(entity.Name))
            {
                var path = key.ManyToOne is { } own ? RelationPath(entity.Name, own) : RelationPath(key.Target, key.OneToMany!);
                if (taken.TryGetValue(NameKey(key.Column), out var clash))
                    Add($"{path}.name", key.ManyToOne is not null
                        ? $"Its key column '{key.Column}' clashes with {clash} of {entity.Name}; rename the relation or the field."
                        : $"{entity.Name} has no single many-to-one relation back to {key.Target}, so this relation gives {entity.Name} a key column '{key.Column}', "
                            + $"which clashes with {clash}. Add one many-to-one relation on {entity.Name} pointing at {key.Target}, or rename.");
                else taken[NameKey(key.Column)] = key.ManyToOne is { } m ? $"the key column of '{m}'" : $"the key column of {key.Target}.{key.OneToMany}";
            }
        }

        foreach (var entity in schema.Entities)
            foreach (var group in entity.RelationList.Where(r => r.Kind == RelationKind.OneToMany).GroupBy(r => NameKey(r.Target)).Where(g => g.Count() > 1))
            {
                var back = map.ForeignKeys.Where(k => NameKey(k.Entity) == group.Key && NameKey(k.Target) == NameKey(entity.Name) && k.ManyToOne is not null).ToList();
                if (back.Count != 1) continue;
                foreach (var second in group.Skip(1))
                    Add($"{RelationPath(entity.Name, second.Name)}.target", $"'{group.First().Name}' is already the inverse of {back[0].Entity}.{back[0].ManyToOne}; "
                        + $"a second one-to-many to {back[0].Entity} needs a many-to-one of its own on {back[0].Entity}.");
            }

        var tables = schema.Entities.ToDictionary(e => NameKey(e.Name), e => $"the entity {e.Name}");
        foreach (var link in map.LinkTables)
        {
            var path = $"{RelationPath(link.Entity, link.Relation)}.name";
            if (link.Name.Length > SqlIdentifierMaxLength)
                Add(path, $"Its link table '{Shorten(link.Name)}' would be longer than {SqlIdentifierMaxLength} characters; shorten the entity or relation name.");
            else if (tables.TryGetValue(NameKey(link.Name), out var clash)) Add(path, $"Its link table would be named '{link.Name}', like {clash}; rename the relation.");
            else tables[NameKey(link.Name)] = $"the link table of {link.Entity}.{link.Relation}";
        }

        foreach (var entity in schema.Entities)
            for (var k = 0; k < entity.IndexList.Count; k++)
                if (tables.TryGetValue(NameKey(entity.IndexList[k].Name), out var clash))
                    Add($"entities[{position[NameKey(entity.Name)]}].indexes[{k}].name",
                        $"An index may not have the name of a table; '{entity.IndexList[k].Name}' is {clash}.");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex IndexNamePattern();
}
