namespace DevPlatform.Core.Documentation;

/// <summary>Builds the tree from a project's flat list, tolerating what races can leave: a parent deleted, or a cycle.</summary>
public static class DocumentTree
{
    public static IReadOnlyList<DocumentTreeNode> Build(IReadOnlyList<Document> all)
    {
        var byId = all.ToDictionary(d => d.Id);
        var children = all.GroupBy(d => TopParent(d, byId)).ToDictionary(g => g.Key ?? "", g => g.ToList());
        var placed = new HashSet<string>();
        var roots = Nodes("", children, placed);
        // Two moves racing can make a cycle that no root reaches; its members are shown at the top rather than lost.
        var lost = all.Where(d => !placed.Contains(d.Id)).ToList();
        foreach (var d in lost.Where(d => !placed.Contains(d.Id)))
        {
            placed.Add(d.Id);
            roots.Add(Node(d, placed, children));
        }
        return Sorted(roots);
    }

    /// <summary>True when <paramref name="nodeId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public static bool IsSelfOrDescendant(IReadOnlyList<Document> all, string ancestorId, string nodeId)
    {
        var byId = all.ToDictionary(d => d.Id);
        var seen = new HashSet<string>();
        for (var id = nodeId; id is not null && seen.Add(id); id = byId.GetValueOrDefault(id)?.ParentId)
            if (id == ancestorId) return true;
        return false;
    }

    private static string? TopParent(Document d, Dictionary<string, Document> byId) =>
        d.ParentId is { } parent && byId.TryGetValue(parent, out var p) && p.Kind == DocumentKind.Folder ? parent : null;

    private static List<DocumentTreeNode> Nodes(string parent, Dictionary<string, List<Document>> children, HashSet<string> placed) =>
        children.GetValueOrDefault(parent, []).Where(d => placed.Add(d.Id)).Select(d => Node(d, placed, children)).ToList();

    private static DocumentTreeNode Node(Document d, HashSet<string> placed, Dictionary<string, List<Document>> children) =>
        new(d.Id, d.ParentId, d.Kind, d.Title, d.Version, d.UpdatedAt, Sorted(Nodes(d.Id, children, placed)));

    private static List<DocumentTreeNode> Sorted(List<DocumentTreeNode> nodes) =>
        nodes.OrderBy(n => n.Kind == DocumentKind.Folder ? 0 : 1).ThenBy(n => n.Title, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
}
