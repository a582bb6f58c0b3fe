using static DevPlatform.Core.Schemas.SchemaChangeKind;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// Compares two versions. Entities, fields, relations and indexes are matched by name ignoring case (a rename is one
/// removed and one added; a change of case alone is a change of name). Breaking, because data or code made for the older
/// version may not survive it: anything removed (but an index), a narrowed type (long → int, decimal → int, text → string,
/// datetime → date, …) or another type change that is not a widening, a maximum length added or reduced, enum values
/// removed, made required without a default, made unique, a new unique index, a required field or relation added to an
/// existing entity without a default, and a renamed (re-cased) entity, field or relation.
/// </summary>
public static class SchemaComparer
{
    private static readonly HashSet<(FieldType, FieldType)> Widenings =
    [
        (FieldType.Int, FieldType.Long), (FieldType.Int, FieldType.Decimal), (FieldType.Long, FieldType.Decimal),
        (FieldType.String, FieldType.Text), (FieldType.Date, FieldType.DateTime), (FieldType.Enum, FieldType.Text),
    ];

    private static readonly HashSet<(FieldType, FieldType)> Narrowings =
    [
        (FieldType.Long, FieldType.Int), (FieldType.Decimal, FieldType.Int), (FieldType.Decimal, FieldType.Long), (FieldType.Text, FieldType.String),
        (FieldType.DateTime, FieldType.Date), (FieldType.String, FieldType.Enum), (FieldType.Text, FieldType.Enum),
    ];

    public static SchemaDiff Between(long from, string beforeName, SchemaDefinition before, long to, string afterName, SchemaDefinition after)
    {
        var changes = new List<SchemaChange>();
        if (beforeName != afterName)
            changes.Add(new SchemaChange(SchemaPart.Schema, Changed, "", null, afterName, [new PropertyChange("name", beforeName, afterName)], []));
        var old = before.Entities.ToDictionary(e => SchemaRules.NameKey(e.Name));
        foreach (var entity in after.Entities)
        {
            if (!old.TryGetValue(SchemaRules.NameKey(entity.Name), out var was))
            {
                changes.Add(new SchemaChange(SchemaPart.Entity, Added, entity.Name, null, SchemaSummaries.Of(entity), [], []));
                changes.AddRange(Members(entity.Name, null, entity, existing: false));
                continue;
            }
            if (was.Name != entity.Name)
                changes.Add(new SchemaChange(SchemaPart.Entity, Changed, entity.Name, null, SchemaSummaries.Of(entity),
                    [new PropertyChange("name", was.Name, entity.Name)], [$"renamed from {was.Name}: its table's name changes"]));
            changes.AddRange(Members(entity.Name, was, entity, existing: true));
        }
        var kept = after.Entities.Select(e => SchemaRules.NameKey(e.Name)).ToHashSet();
        foreach (var entity in before.Entities.Where(e => !kept.Contains(SchemaRules.NameKey(e.Name))))
            changes.Add(new SchemaChange(SchemaPart.Entity, Removed, entity.Name, null, SchemaSummaries.Of(entity), [],
                ["entity removed: its table and every row in it go"]));
        return new SchemaDiff(from, to, changes);
    }

    private static IEnumerable<SchemaChange> Members(string entity, SchemaEntity? before, SchemaEntity after, bool existing)
    {
        foreach (var change in Compare(before?.Fields ?? [], after.Fields, f => f.Name, (b, a) => FieldChanges(entity, b, a, existing)))
            yield return change;
        foreach (var change in Compare(before?.RelationList ?? [], after.RelationList, r => r.Name, (b, a) => RelationChanges(entity, b, a, existing)))
            yield return change;
        foreach (var change in Compare(before?.IndexList ?? [], after.IndexList, i => i.Name, (b, a) => IndexChanges(entity, b, a, existing)))
            yield return change;
    }

    /// <summary>Pairs parts by name ignoring case: the newer version's order, then what was removed.</summary>
    private static IEnumerable<SchemaChange> Compare<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> name,
        Func<T?, T?, SchemaChange?> compare) where T : class
    {
        var old = before.ToDictionary(p => SchemaRules.NameKey(name(p)));
        foreach (var part in after)
            if (compare(old.GetValueOrDefault(SchemaRules.NameKey(name(part))), part) is { } change) yield return change;
        var kept = after.Select(p => SchemaRules.NameKey(name(p))).ToHashSet();
        foreach (var part in before.Where(p => !kept.Contains(SchemaRules.NameKey(name(p)))))
            if (compare(part, null) is { } change) yield return change;
    }

    private static SchemaChange? FieldChanges(string entity, SchemaField? before, SchemaField? after, bool existing)
    {
        if (after is null)
            return new SchemaChange(SchemaPart.Field, Removed, entity, before!.Name, SchemaSummaries.Of(before), [], ["field removed: its data goes"]);
        if (before is null)
            return new SchemaChange(SchemaPart.Field, Added, entity, after.Name, SchemaSummaries.Of(after), [],
                existing && after.Required && after.Default is null ? ["added as required without a default: existing rows have no value"] : []);
        var changes = new List<PropertyChange>();
        var breaking = new List<string>();
        if (before.Name != after.Name) Note(changes, breaking, "name", before.Name, after.Name, $"renamed from {before.Name}: the column's name changes");
        if (before.Type != after.Type)
            Note(changes, breaking, "type", SchemaWords.Of(before.Type), SchemaWords.Of(after.Type), TypeChangeBreaks(before, after));
        if (before.Required != after.Required)
            Note(changes, breaking, "required", Flag(before.Required), Flag(after.Required),
                after.Required && after.Default is null ? "made required without a default: existing rows may have no value" : null);
        if (before.Unique != after.Unique)
            Note(changes, breaking, "unique", Flag(before.Unique), Flag(after.Unique), after.Unique ? "made unique: existing duplicates would be refused" : null);
        if (before.MaxLength != after.MaxLength)
            Note(changes, breaking, "maxLength", before.MaxLength?.ToString(), after.MaxLength?.ToString(),
                after.MaxLength is { } max && (before.MaxLength is null || before.MaxLength > max) && after.Type == FieldType.String
                    ? $"maximum length {(before.MaxLength is { } was ? $"reduced from {was}" : "set")} to {max}: longer values would not fit" : null);
        if (before.Default != after.Default) Note(changes, breaking, "default", before.Default, after.Default, null);
        var oldValues = before.Values ?? [];
        var newValues = after.Values ?? [];
        if (!oldValues.SequenceEqual(newValues))
        {
            var removed = oldValues.Where(v => !newValues.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
            Note(changes, breaking, "values", string.Join(", ", oldValues), string.Join(", ", newValues),
                removed.Count > 0 && after.Type == FieldType.Enum && before.Type == FieldType.Enum ? $"enum values removed: {string.Join(", ", removed)}" : null);
        }
        return changes.Count == 0 ? null : new SchemaChange(SchemaPart.Field, Changed, entity, after.Name, SchemaSummaries.Of(after), changes, breaking);
    }

    private static string? TypeChangeBreaks(SchemaField before, SchemaField after)
    {
        var pair = (before.Type, after.Type);
        var (from, to) = (SchemaWords.Of(before.Type), SchemaWords.Of(after.Type));
        if (Widenings.Contains(pair)) return null;
        if (pair == (FieldType.Enum, FieldType.String))
            return after.MaxLength is not { } max || (before.Values ?? []).All(v => v.Length <= max) ? null : $"changed type {from} → {to}: some values are longer than {max}";
        return Narrowings.Contains(pair) ? $"narrowed type {from} → {to}" : $"changed type {from} → {to}: existing values may not convert";
    }

    private static SchemaChange? RelationChanges(string entity, SchemaRelation? before, SchemaRelation? after, bool existing)
    {
        if (after is null)
            return new SchemaChange(SchemaPart.Relation, Removed, entity, before!.Name, SchemaSummaries.Of(before), [], ["relation removed: the links it holds go"]);
        if (before is null)
            return new SchemaChange(SchemaPart.Relation, Added, entity, after.Name, SchemaSummaries.Of(after), [],
                existing && after.Required ? ["added as required: existing rows have no key to point with"] : []);
        var changes = new List<PropertyChange>();
        var breaking = new List<string>();
        if (before.Name != after.Name) Note(changes, breaking, "name", before.Name, after.Name, $"renamed from {before.Name}: its key column's name changes");
        if (before.Kind != after.Kind)
            Note(changes, breaking, "kind", SchemaWords.Of(before.Kind), SchemaWords.Of(after.Kind), "kind changed: the links are stored another way");
        if (!string.Equals(before.Target, after.Target, StringComparison.OrdinalIgnoreCase))
            Note(changes, breaking, "target", before.Target, after.Target, "target changed: existing links point at the wrong entity");
        if (before.Required != after.Required)
            Note(changes, breaking, "required", Flag(before.Required), Flag(after.Required), after.Required ? "made required: existing rows may have no key" : null);
        return changes.Count == 0 ? null : new SchemaChange(SchemaPart.Relation, Changed, entity, after.Name, SchemaSummaries.Of(after), changes, breaking);
    }

    private static SchemaChange? IndexChanges(string entity, SchemaIndex? before, SchemaIndex? after, bool existing)
    {
        if (after is null) return new SchemaChange(SchemaPart.Index, Removed, entity, before!.Name, SchemaSummaries.Of(before), [], []);
        if (before is null)
            return new SchemaChange(SchemaPart.Index, Added, entity, after.Name, SchemaSummaries.Of(after), [],
                existing && after.Unique ? ["a new unique index: existing duplicates would be refused"] : []);
        var changes = new List<PropertyChange>();
        var breaking = new List<string>();
        if (before.Name != after.Name) Note(changes, breaking, "name", before.Name, after.Name, null);
        var oldFields = before.Fields.Select(SchemaRules.NameKey).ToList();
        var newFields = after.Fields.Select(SchemaRules.NameKey).ToList();
        if (!oldFields.SequenceEqual(newFields))
            Note(changes, breaking, "fields", string.Join(", ", before.Fields), string.Join(", ", after.Fields),
                after.Unique && before.Unique && !oldFields.All(newFields.Contains) ? "a unique index over fewer fields: existing duplicates would be refused" : null);
        if (before.Unique != after.Unique)
            Note(changes, breaking, "unique", Flag(before.Unique), Flag(after.Unique), after.Unique ? "made unique: existing duplicates would be refused" : null);
        return changes.Count == 0 ? null : new SchemaChange(SchemaPart.Index, Changed, entity, after.Name, SchemaSummaries.Of(after), changes, breaking);
    }

    private static void Note(List<PropertyChange> changes, List<string> breaking, string property, string? before, string? after, string? breaks)
    {
        changes.Add(new PropertyChange(property, before, after));
        if (breaks is not null) breaking.Add(breaks);
    }

    private static string Flag(bool value) => value ? "yes" : "no";
}
