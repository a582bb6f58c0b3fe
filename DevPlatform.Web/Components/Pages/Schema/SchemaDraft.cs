using DevPlatform.Core.Common;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Web.Components.Pages.Schema;

/// <summary>
/// What the editor changes before it is saved: plain rows a grid can bind to, checked with Core's <see cref="SchemaRules"/>
/// on every change so the grid marks the fields the server would refuse, in the same words. The grid and the JSON text
/// view both edit this one draft.
/// </summary>
public sealed class SchemaDraft
{
    public string Name { get; set; } = "";
    public List<EntityRow> Entities { get; } = [];

    /// <summary>Moves on every change, so views that show the draft another way know to redraw.</summary>
    public int Revision { get; private set; }

    public sealed class EntityRow
    {
        public string Name { get; set; } = "";
        public List<FieldRow> Fields { get; } = [];
        public List<RelationRow> Relations { get; } = [];
        public List<IndexRow> Indexes { get; } = [];
    }

    public sealed class FieldRow
    {
        public string Name { get; set; } = "";
        public FieldType? Type { get; set; } = FieldType.String;
        public bool Required { get; set; }
        public bool Unique { get; set; }
        public int? MaxLength { get; set; }
        /// <summary>Empty means no default (in the text view, "" is an empty string's default).</summary>
        public string Default { get; set; } = "";
        /// <summary>An enum's values, separated by commas.</summary>
        public string Values { get; set; } = "";
        /// <summary>Set when the default came from the text view as the empty string, so the grid keeps it.</summary>
        public bool EmptyDefault { get; set; }
    }

    public sealed class RelationRow
    {
        public string Name { get; set; } = "";
        public RelationKind? Kind { get; set; } = RelationKind.ManyToOne;
        public string Target { get; set; } = "";
        public bool Required { get; set; }
    }

    public sealed class IndexRow
    {
        public string Name { get; set; } = "";
        /// <summary>Field names (or many-to-one key columns), separated by commas, in index order.</summary>
        public string Fields { get; set; } = "";
        public bool Unique { get; set; }
    }

    public static SchemaDraft From(string name, IReadOnlyList<SchemaEntity> entities) => From(SchemaInputs.From(name, new SchemaDefinition(entities)));

    /// <summary>A draft of whatever the text view read, rule-breaking parts included (the grid then marks them).</summary>
    public static SchemaDraft From(SchemaInput input)
    {
        var draft = new SchemaDraft { Name = input.Name ?? "" };
        foreach (var entity in input.Entities ?? [])
        {
            var row = new EntityRow { Name = entity?.Name ?? "" };
            row.Fields.AddRange((entity?.Fields ?? []).Select(f => new FieldRow
            {
                Name = f?.Name ?? "", Type = f is null ? FieldType.String : f.Type, Required = f?.Required == true, Unique = f?.Unique == true,
                MaxLength = f?.MaxLength, Default = f?.Default ?? "", EmptyDefault = f?.Default == "",
                Values = string.Join(", ", (f?.Values ?? []).Select(v => v ?? "")),
            }));
            row.Relations.AddRange((entity?.Relations ?? []).Select(r => new RelationRow
            {
                Name = r?.Name ?? "", Kind = r is null ? RelationKind.ManyToOne : r.Kind, Target = r?.Target ?? "", Required = r?.Required == true,
            }));
            row.Indexes.AddRange((entity?.Indexes ?? []).Select(x => new IndexRow
            {
                Name = x?.Name ?? "", Fields = string.Join(", ", (x?.Fields ?? []).Select(f => f ?? "")), Unique = x?.Unique == true,
            }));
            draft.Entities.Add(row);
        }
        return draft;
    }

    public SchemaInput ToInput() => new(Name, Entities.Select(e => (EntityInput?)new EntityInput(e.Name,
        e.Fields.Select(f => (FieldInput?)new FieldInput(f.Name, f.Type, f.Required, f.MaxLength, f.Unique,
            f.Default.Length > 0 || f.EmptyDefault ? f.Default : null, f.Type == FieldType.Enum || f.Values.Trim().Length > 0 ? Split(f.Values) : null)).ToList(),
        e.Relations.Select(r => (RelationInput?)new RelationInput(r.Name, r.Kind, r.Target, r.Required)).ToList(),
        e.Indexes.Select(x => (IndexInput?)new IndexInput(x.Name, Split(x.Fields), x.Unique)).ToList())).ToList());

    /// <summary>Call after changing the draft: the checks run again and other views redraw.</summary>
    public void Touch()
    {
        Revision++;
        _errors = null;
    }

    private Dictionary<string, string[]>? _errors;

    /// <summary>Path → messages, as the server would answer them ("entities[2].fields[0].name"); computed once per change.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors ??= SchemaRules.Check(ToInput());

    public bool IsValid => Errors.Count == 0;

    /// <summary>The first message for <paramref name="path"/>, or null.</summary>
    public string? Error(string path) => Errors.TryGetValue(path, out var messages) ? messages[0] : null;

    /// <summary>True when a path under <paramref name="prefix"/> (an entity, say) breaks a rule.</summary>
    public bool HasErrorsUnder(string prefix) => Errors.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal) || k.StartsWith(prefix + "[", StringComparison.Ordinal));

    /// <summary>The schema as it would be stored; null while the draft breaks a rule.</summary>
    public SchemaDefinition? Preview => IsValid ? SchemaRules.Normalize(ToInput()).Definition : null;

    /// <summary>True when saving would store something other than <paramref name="name"/> and <paramref name="saved"/>.</summary>
    public bool Differs(string name, IReadOnlyList<SchemaEntity> saved) =>
        !IsValid || SchemaRules.Normalize(ToInput()) is var (n, d) && (n != name || DocumentJson.Serialize(d.Entities) != DocumentJson.Serialize(saved));

    /// <summary>The entity names a relation can point at, in the order they are listed.</summary>
    public IEnumerable<string> EntityNames => Entities.Select(e => e.Name.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    private static List<string?> Split(string text) =>
        text.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).Select(v => (string?)v).ToList();
}
