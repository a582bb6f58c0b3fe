namespace DevPlatform.Core.Architecture;

/// <summary>One field that differs: its name and the text before and after.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A component present in both versions (matched by name, ignoring case) whose fields differ.</summary>
public sealed record ComponentChange(string Name, IReadOnlyList<FieldChange> Changes);

/// <summary>A connection present in both versions (matched by its two ends) whose fields differ.</summary>
public sealed record ConnectionChange(string From, string To, IReadOnlyList<FieldChange> Changes);

/// <summary>What changed from version <see cref="From"/> to version <see cref="To"/>.</summary>
public sealed record ArchitectureDiff(
    long From,
    long To,
    IReadOnlyList<FieldChange> Fields,
    IReadOnlyList<ArchitectureComponent> ComponentsAdded,
    IReadOnlyList<ArchitectureComponent> ComponentsRemoved,
    IReadOnlyList<ComponentChange> ComponentsChanged,
    IReadOnlyList<ArchitectureConnection> ConnectionsAdded,
    IReadOnlyList<ArchitectureConnection> ConnectionsRemoved,
    IReadOnlyList<ConnectionChange> ConnectionsChanged)
{
    public bool IsEmpty => Fields.Count + ComponentsAdded.Count + ComponentsRemoved.Count + ComponentsChanged.Count
        + ConnectionsAdded.Count + ConnectionsRemoved.Count + ConnectionsChanged.Count == 0;

    /// <summary>
    /// Compares two contents. Components are matched by name ignoring case (a renamed component is one removed and one
    /// added); connections by their two ends, so a changed label or protocol is a change, not a remove and an add.
    /// </summary>
    public static ArchitectureDiff Between(long from, ArchitectureContent before, long to, ArchitectureContent after)
    {
        var fields = new List<FieldChange>();
        AddIfChanged(fields, "name", before.Name, after.Name);
        AddIfChanged(fields, "description", before.Description, after.Description);
        AddIfChanged(fields, "style", before.Style.ToString(), after.Style.ToString());

        var oldComponents = before.Components.ToDictionary(c => ArchitectureRules.Identity(c.Name));
        var newComponents = after.Components.ToDictionary(c => ArchitectureRules.Identity(c.Name));
        var componentsChanged = new List<ComponentChange>();
        foreach (var component in after.Components)
        {
            if (!oldComponents.TryGetValue(ArchitectureRules.Identity(component.Name), out var old)) continue;
            var changes = new List<FieldChange>();
            AddIfChanged(changes, "name", old.Name, component.Name);
            AddIfChanged(changes, "kind", old.Kind.ToString(), component.Kind.ToString());
            AddIfChanged(changes, "technology", old.Technology, component.Technology);
            if (changes.Count > 0) componentsChanged.Add(new ComponentChange(component.Name, changes));
        }

        var oldConnections = before.Connections.ToDictionary(Ends);
        var newConnections = after.Connections.ToDictionary(Ends);
        var connectionsChanged = new List<ConnectionChange>();
        foreach (var connection in after.Connections)
        {
            if (!oldConnections.TryGetValue(Ends(connection), out var old)) continue;
            var changes = new List<FieldChange>();
            AddIfChanged(changes, "label", old.Label, connection.Label);
            AddIfChanged(changes, "protocol", old.Protocol, connection.Protocol);
            if (changes.Count > 0) connectionsChanged.Add(new ConnectionChange(connection.From, connection.To, changes));
        }

        return new ArchitectureDiff(from, to, fields,
            after.Components.Where(c => !oldComponents.ContainsKey(ArchitectureRules.Identity(c.Name))).ToList(),
            before.Components.Where(c => !newComponents.ContainsKey(ArchitectureRules.Identity(c.Name))).ToList(),
            componentsChanged,
            after.Connections.Where(c => !oldConnections.ContainsKey(Ends(c))).ToList(),
            before.Connections.Where(c => !newConnections.ContainsKey(Ends(c))).ToList(),
            connectionsChanged);
    }

    private static (string, string) Ends(ArchitectureConnection c) => (ArchitectureRules.Identity(c.From), ArchitectureRules.Identity(c.To));

    private static void AddIfChanged(List<FieldChange> changes, string field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add(new FieldChange(field, before, after));
    }
}
