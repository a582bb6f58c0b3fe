using System.Globalization;
using System.Text;
using System.Xml;

namespace DevPlatform.Core.Architecture;

/// <summary>
/// Draws an architecture's components and connections as SVG, from the metadata alone. Components are placed in
/// columns by their depth along the connections (a source on the left, what it calls to its right; a connection that
/// closes a cycle is drawn as an arc below), and ordered in a column by where their callers sit, to keep lines short.
/// Every piece of user text goes through an XML writer, so a name can never add markup; text too long for a box is
/// shortened, with the full text in a tooltip.
/// </summary>
public static class ComponentDiagram
{
    private const int BoxWidth = 200, BoxHeight = 64, ColumnGap = 110, RowGap = 36, Margin = 24, TitleHeight = 36;
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    public static string Render(ArchitectureContent content)
    {
        var layout = Layout(content);
        var width = Math.Max(360, Margin * 2 + layout.Columns * BoxWidth + Math.Max(0, layout.Columns - 1) * ColumnGap);
        var height = Margin * 2 + TitleHeight + Math.Max(1, layout.Rows) * (BoxHeight + RowGap) + (layout.HasArcs ? 60 : 0);
        var text = new StringBuilder();
        using (var svg = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            svg.WriteStartElement("svg", SvgNamespace);
            Attributes(svg, ("width", width), ("height", height), ("viewBox", $"0 0 {width} {height}"), ("role", "img"),
                ("font-family", "Roboto, Helvetica, Arial, sans-serif"), ("font-size", 13));
            svg.WriteElementString("title", SvgNamespace, Clean(content.Name));
            WriteDefinitions(svg);
            svg.WriteStartElement("rect", SvgNamespace);
            Attributes(svg, ("width", width), ("height", height), ("fill", "#ffffff"));
            svg.WriteEndElement();
            Text(svg, Margin, Margin + 16, Shorten(content.Name, 80), ("font-size", 16), ("font-weight", "bold"), ("fill", "#1f2937"));
            if (content.Components.Count == 0)
                Text(svg, Margin, Margin + TitleHeight + 24, "No components yet: add some to see them drawn here.", ("fill", "#6b7280"));
            foreach (var connection in content.Connections) WriteConnection(svg, layout, connection);
            foreach (var component in content.Components) WriteComponent(svg, layout.Positions[ArchitectureRules.Identity(component.Name)], component);
            svg.WriteEndElement();
        }
        return text.ToString();
    }

    private sealed record Placement(int Column, int Row)
    {
        public int X => Margin + Column * (BoxWidth + ColumnGap);
        public int Y => Margin + TitleHeight + Row * (BoxHeight + RowGap);
    }

    private sealed record DiagramLayout(IReadOnlyDictionary<string, Placement> Positions, int Columns, int Rows, bool HasArcs);

    private static DiagramLayout Layout(ArchitectureContent content)
    {
        var names = content.Components.Select(c => ArchitectureRules.Identity(c.Name)).ToList();
        var edges = content.Connections.Select(c => (From: ArchitectureRules.Identity(c.From), To: ArchitectureRules.Identity(c.To)))
            .Where(e => e.From != e.To && names.Contains(e.From) && names.Contains(e.To)).ToList();
        // A cycle is broken where the search meets it first; starting from components few others call, front ends first,
        // makes that the edge a reader also sees as "going back".
        var kinds = content.Components.ToDictionary(c => ArchitectureRules.Identity(c.Name), c => c.Kind);
        var starts = names.OrderBy(n => edges.Count(e => e.To == n)).ThenBy(n => EntryRank(kinds[n])).ToList();
        var forward = WithoutCycles(starts, edges);
        // Longest path from a source, in topological order (the edges left form a DAG).
        var column = names.ToDictionary(n => n, _ => 0);
        foreach (var name in TopologicalOrder(names, forward))
            foreach (var edge in forward.Where(e => e.From == name))
                column[edge.To] = Math.Max(column[edge.To], column[name] + 1);

        var positions = new Dictionary<string, Placement>();
        var rows = 0;
        foreach (var group in names.GroupBy(n => column[n]).OrderBy(g => g.Key))
        {
            // Callers already placed pull a component towards their row; then kind and the order the user gave.
            var ordered = group.Select((n, i) => (Name: n, Index: i, Pull: Pull(n, edges, positions))).OrderBy(x => x.Pull ?? double.MaxValue)
                .ThenBy(x => (int)kinds[x.Name]).ThenBy(x => x.Index).ToList();
            for (var row = 0; row < ordered.Count; row++) positions[ordered[row].Name] = new Placement(group.Key, row);
            rows = Math.Max(rows, ordered.Count);
        }
        var hasArcs = edges.Any(e => positions[e.To].Column <= positions[e.From].Column);
        return new DiagramLayout(positions, names.Count == 0 ? 1 : column.Values.Max() + 1, rows, hasArcs);
    }

    private static int EntryRank(ComponentKind kind) => kind switch
    {
        ComponentKind.Frontend => 0, ComponentKind.External => 1, ComponentKind.Function => 2, ComponentKind.Service => 3,
        ComponentKind.Queue => 4, _ => 5,
    };

    private static double? Pull(string name, List<(string From, string To)> edges, Dictionary<string, Placement> placed)
    {
        var rows = edges.Where(e => e.To == name && placed.ContainsKey(e.From)).Select(e => (double)placed[e.From].Row).ToList();
        return rows.Count == 0 ? null : rows.Average();
    }

    /// <summary>The edges minus those that close a cycle (found by a depth-first search in the user's order).</summary>
    private static List<(string From, string To)> WithoutCycles(List<string> names, List<(string From, string To)> edges)
    {
        var state = names.ToDictionary(n => n, _ => 0); // 0 unseen, 1 on the path, 2 done
        var back = new HashSet<(string, string)>();
        foreach (var start in names)
        {
            if (state[start] != 0) continue;
            // Iterative, so a long chain of components cannot overflow the stack.
            var stack = new Stack<(string Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var outgoing = edges.Where(e => e.From == node).ToList();
                if (next < outgoing.Count)
                {
                    stack.Push((node, next + 1));
                    var to = outgoing[next].To;
                    if (state[to] == 1) back.Add(outgoing[next]);
                    else if (state[to] == 0) { state[to] = 1; stack.Push((to, 0)); }
                }
                else state[node] = 2;
            }
        }
        return edges.Where(e => !back.Contains(e)).ToList();
    }

    private static List<string> TopologicalOrder(List<string> names, List<(string From, string To)> edges)
    {
        var incoming = names.ToDictionary(n => n, n => edges.Count(e => e.To == n));
        var ready = new Queue<string>(names.Where(n => incoming[n] == 0));
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var name = ready.Dequeue();
            order.Add(name);
            foreach (var edge in edges.Where(e => e.From == name))
                if (--incoming[edge.To] == 0) ready.Enqueue(edge.To);
        }
        return order;
    }

    private static void WriteDefinitions(XmlWriter svg)
    {
        svg.WriteStartElement("defs", SvgNamespace);
        svg.WriteStartElement("marker", SvgNamespace);
        Attributes(svg, ("id", "arrow"), ("viewBox", "0 0 10 10"), ("refX", 10), ("refY", 5), ("markerWidth", 8), ("markerHeight", 8), ("orient", "auto-start-reverse"));
        svg.WriteStartElement("path", SvgNamespace);
        Attributes(svg, ("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", "#4b5563"));
        svg.WriteEndElement();
        svg.WriteEndElement();
        svg.WriteEndElement();
    }

    private static void WriteComponent(XmlWriter svg, Placement at, ArchitectureComponent component)
    {
        var (fill, stroke) = Colours(component.Kind);
        svg.WriteStartElement("g", SvgNamespace);
        Attributes(svg, ("class", "component"));
        svg.WriteElementString("title", SvgNamespace, Clean($"{component.Name} ({Subtitle(component)})"));
        svg.WriteStartElement("rect", SvgNamespace);
        Attributes(svg, ("x", at.X), ("y", at.Y), ("width", BoxWidth), ("height", BoxHeight), ("rx", 8), ("fill", fill), ("stroke", stroke), ("stroke-width", 1.5));
        svg.WriteEndElement();
        Text(svg, at.X + 12, at.Y + 26, Shorten(component.Name, 24), ("font-weight", "bold"), ("fill", "#111827"));
        Text(svg, at.X + 12, at.Y + 46, Shorten(Subtitle(component), 30), ("fill", "#374151"), ("font-size", 12));
        svg.WriteEndElement();
    }

    private static void WriteConnection(XmlWriter svg, DiagramLayout layout, ArchitectureConnection connection)
    {
        if (!layout.Positions.TryGetValue(ArchitectureRules.Identity(connection.From), out var from)
            || !layout.Positions.TryGetValue(ArchitectureRules.Identity(connection.To), out var to) || from == to) return;
        string path;
        double labelX, labelY;
        if (to.Column > from.Column)
        {
            double x1 = from.X + BoxWidth, y1 = from.Y + BoxHeight / 2.0, x2 = to.X, y2 = to.Y + BoxHeight / 2.0, bend = (x2 - x1) / 2;
            path = Invariant($"M {x1} {y1} C {x1 + bend} {y1} {x2 - bend} {y2} {x2} {y2}");
            (labelX, labelY) = ((x1 + x2) / 2, (y1 + y2) / 2 - 6);
        }
        else
        {
            // Back or sideways: an arc under both boxes, so it never crosses them.
            double x1 = from.X + BoxWidth / 2.0 + 20, x2 = to.X + BoxWidth / 2.0 - 20, y1 = from.Y + BoxHeight, y2 = to.Y + BoxHeight;
            var low = Math.Max(y1, y2) + RowGap + 10;
            path = Invariant($"M {x1} {y1} C {x1} {low} {x2} {low} {x2} {y2}");
            (labelX, labelY) = ((x1 + x2) / 2, low - 4);
        }
        svg.WriteStartElement("g", SvgNamespace);
        Attributes(svg, ("class", "connection"));
        svg.WriteElementString("title", SvgNamespace, Clean($"{connection.From} → {connection.To}{(Caption(connection) is { Length: > 0 } c ? ": " + c : "")}"));
        svg.WriteStartElement("path", SvgNamespace);
        Attributes(svg, ("d", path), ("fill", "none"), ("stroke", "#4b5563"), ("stroke-width", 1.5), ("marker-end", "url(#arrow)"));
        svg.WriteEndElement();
        var caption = Shorten(Caption(connection), 28);
        if (caption.Length > 0)
            Text(svg, labelX, labelY, caption, ("text-anchor", "middle"), ("font-size", 11), ("fill", "#1f2937"),
                ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", 4));
        svg.WriteEndElement();
    }

    private static string Caption(ArchitectureConnection c) =>
        c.Label.Length > 0 && c.Protocol.Length > 0 ? $"{c.Label} ({c.Protocol})" : c.Label.Length > 0 ? c.Label : c.Protocol;

    private static string Subtitle(ArchitectureComponent c) => c.Technology.Length > 0 ? $"{c.Kind} · {c.Technology}" : c.Kind.ToString();

    private static (string Fill, string Stroke) Colours(ComponentKind kind) => kind switch
    {
        ComponentKind.Service => ("#dbeafe", "#2563eb"),
        ComponentKind.Frontend => ("#ede9fe", "#7c3aed"),
        ComponentKind.Function => ("#fce7f3", "#db2777"),
        ComponentKind.Database => ("#dcfce7", "#16a34a"),
        ComponentKind.Cache => ("#fef9c3", "#ca8a04"),
        ComponentKind.Queue => ("#ffedd5", "#ea580c"),
        ComponentKind.Storage => ("#ccfbf1", "#0d9488"),
        ComponentKind.External => ("#f3f4f6", "#6b7280"),
        _ => ("#f1f5f9", "#475569"),
    };

    private static void Text(XmlWriter svg, double x, double y, string text, params (string Name, object Value)[] attributes)
    {
        svg.WriteStartElement("text", SvgNamespace);
        Attributes(svg, [("x", x), ("y", y), .. attributes]);
        svg.WriteString(Clean(text));
        svg.WriteEndElement();
    }

    private static void Attributes(XmlWriter svg, params (string Name, object Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
            svg.WriteAttributeString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="max"/> text elements (so an emoji or accent is never cut in half), with an ellipsis.</summary>
    private static string Shorten(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max - 1) + "…";
    }

    /// <summary>Drops characters XML cannot carry (validation refuses them; this keeps a bad stored name from breaking the drawing).</summary>
    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) kept.Append(text, i++, 2);
            else if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
        }
        return kept.ToString();
    }
}
