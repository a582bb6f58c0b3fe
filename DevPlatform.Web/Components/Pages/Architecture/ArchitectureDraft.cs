using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;

namespace DevPlatform.Web.Components.Pages.Architecture;

/// <summary>
/// What the editor changes before it is saved: plain rows a form can bind to. It is checked with Core's
/// <see cref="ArchitectureRules"/> on every change, so the editor marks the same fields the server would refuse.
/// </summary>
public sealed class ArchitectureDraft
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public ArchitectureStyle Style { get; set; } = ArchitectureStyle.Other;
    public List<ComponentRow> Components { get; } = [];
    public List<ConnectionRow> Connections { get; } = [];

    public sealed class ComponentRow
    {
        public string Name { get; set; } = "";
        public ComponentKind Kind { get; set; } = ComponentKind.Service;
        public string Technology { get; set; } = "";
    }

    public sealed class ConnectionRow
    {
        public string From { get; set; } = "";
        public string To { get; set; } = "";
        public string Label { get; set; } = "";
        public string Protocol { get; set; } = "";
    }

    public static ArchitectureDraft From(ArchitectureContent content)
    {
        var draft = new ArchitectureDraft { Name = content.Name, Description = content.Description, Style = content.Style };
        draft.Components.AddRange(content.Components.Select(c => new ComponentRow { Name = c.Name, Kind = c.Kind, Technology = c.Technology }));
        draft.Connections.AddRange(content.Connections.Select(c => new ConnectionRow { From = c.From, To = c.To, Label = c.Label, Protocol = c.Protocol }));
        return draft;
    }

    public ArchitectureInput ToInput() => new(Name, Description, Style,
        Components.Select(c => new ComponentInput(c.Name, c.Kind, c.Technology)).ToList(),
        Connections.Select(c => new ConnectionInput(c.From, c.To, c.Label, c.Protocol)).ToList());

    /// <summary>Field → messages, as the server would answer them ("components[2].name").</summary>
    public IReadOnlyDictionary<string, string[]> Errors => ArchitectureRules.Check(ToInput());

    public bool IsValid => Errors.Count == 0;

    /// <summary>The content as it would be stored; null while the draft breaks a rule.</summary>
    public ArchitectureContent? Preview => IsValid ? ArchitectureRules.Normalize(ToInput()) : null;

    /// <summary>True when saving would store something other than <paramref name="saved"/>.</summary>
    public bool Differs(ArchitectureContent saved) =>
        Preview is not { } preview || DocumentJson.Serialize(preview) != DocumentJson.Serialize(saved);

    /// <summary>The component names a connection can point at, in the order they are listed.</summary>
    public IEnumerable<string> ComponentNames => Components.Select(c => c.Name.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
}
