namespace DevPlatform.Core.Schemas;

/// <summary>One line of a box: the implicit key, a field, or a key column.</summary>
internal sealed record ErRow(string Marker, string Name, string Type, bool Required, string Tooltip);

/// <summary>A table drawn as a box: an entity, or the link table of a many-to-many relation (drawn dashed).</summary>
internal sealed class ErBox(string name, bool isLink, IReadOnlyList<ErRow> rows, int order)
{
    public const int HeaderHeight = 28, RowHeight = 18, Padding = 6;

    public string Name => name;
    public bool IsLink => isLink;
    public IReadOnlyList<ErRow> Rows => rows;
    public int Order => order;
    public int Width { get; } = Math.Clamp(24 + rows.Select(r => 28 + Measure(r.Name) + 14 + Measure(r.Type)).Append(Measure(name) + 8).Max(), 170, 380);
    public int Height => HeaderHeight + rows.Count * RowHeight + Padding;
    public int X { get; set; }
    public int Y { get; set; }
    public int Column { get; set; }
    public int Layer { get; set; }
    public double RowY(int row) => Y + HeaderHeight + row * RowHeight + RowHeight / 2.0;

    /// <summary>A rough width of 12px text: enough to size boxes without a font engine.</summary>
    public static int Measure(string text) => (int)Math.Ceiling(text.Length * 7.2);
}

/// <summary>A key column pointing at its target's key: from a row of the child box to the parent box.</summary>
internal sealed record ErEdge(ErBox Child, int Row, ErBox Parent, bool Required, string Tooltip);

/// <summary>Where the boxes went: the diagram's size and its columns, top to bottom.</summary>
internal sealed record ErLayout(int Width, int Height, IReadOnlyList<IReadOnlyList<ErBox>> Columns)
{
    /// <summary>
    /// A height at which a line can cross the columns strictly between <paramref name="from"/> and <paramref name="to"/>
    /// without running through a box: the middle of the free band (between boxes, above the first, below the last) they
    /// all share that lies nearest to <paramref name="near"/>.
    /// </summary>
    public double Lane(int from, int to, double near)
    {
        var (low, high) = (Math.Min(from, to) + 1, Math.Max(from, to) - 1);
        var free = new List<(double Top, double Bottom)> { (ErDiagramLayout.Margin + ErDiagramLayout.TitleHeight - 18, Height - 6) };
        for (var c = low; c <= high; c++)
            foreach (var box in Columns[c])
                free = free.SelectMany(band => Cut(band, box.Y - 6, box.Y + box.Height + 6)).ToList();
        return free.Count == 0 ? near : free.Select(b => Math.Clamp(near, b.Top + 4, b.Bottom - 4)).MinBy(y => Math.Abs(y - near));
    }

    private static IEnumerable<(double, double)> Cut((double Top, double Bottom) band, double top, double bottom)
    {
        if (bottom <= band.Top || top >= band.Bottom) { yield return band; yield break; }
        if (top - band.Top >= 8) yield return (band.Top, top);
        if (band.Bottom - bottom >= 8) yield return (bottom, band.Bottom);
    }
}

/// <summary>
/// Places the boxes in layers: a table sits to the right of every table it points at (cycles broken where a search in
/// schema order meets them), so lines mostly run one way. Within a layer, boxes follow the rows of what they point at;
/// a layer taller than the diagram is wide wraps into further columns, so 50 entities stay a readable grid.
/// </summary>
internal static class ErDiagramLayout
{
    public const int Margin = 24, TitleHeight = 36, ColumnGap = 110, RowGap = 26;

    public static ErLayout Place(IReadOnlyList<ErBox> boxes, IReadOnlyList<ErEdge> edges)
    {
        var parents = boxes.ToDictionary(b => b, b => edges.Where(e => e.Child == b && e.Parent != b).Select(e => e.Parent).Distinct().ToList());
        var forward = WithoutCycles(boxes, parents);
        foreach (var box in Topological(boxes, forward))
            box.Layer = forward[box].Count == 0 ? 0 : forward[box].Max(p => p.Layer) + 1;

        var perColumn = Math.Max(4, (int)Math.Ceiling(Math.Sqrt(boxes.Count) * 1.2));
        var columns = new List<List<ErBox>>();
        var placedRow = new Dictionary<ErBox, double>();
        foreach (var layer in boxes.GroupBy(b => b.Layer).OrderBy(g => g.Key))
        {
            var ordered = layer.OrderBy(b => parents[b].Where(placedRow.ContainsKey).Select(p => placedRow[p]).DefaultIfEmpty(double.MaxValue).Average())
                .ThenBy(b => b.Order).ToList();
            foreach (var chunk in ordered.Chunk(perColumn))
            {
                columns.Add([.. chunk]);
                for (var i = 0; i < chunk.Length; i++) placedRow[chunk[i]] = i;
            }
        }

        var x = Margin;
        var height = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            var y = Margin + TitleHeight;
            foreach (var box in columns[c])
            {
                (box.X, box.Y, box.Column) = (x, y, c);
                y += box.Height + RowGap;
            }
            height = Math.Max(height, y);
            x += columns[c].Max(b => b.Width) + ColumnGap;
        }
        var selfLoops = edges.Any(e => e.Child.Column == e.Parent.Column) ? 60 : 0;
        return new ErLayout(Math.Max(420, x - ColumnGap + Margin + selfLoops), Math.Max(160, height + Margin - RowGap), columns);
    }

    /// <summary>Each box's parents minus the links that close a cycle (found by an iterative depth-first search in schema order).</summary>
    private static Dictionary<ErBox, List<ErBox>> WithoutCycles(IReadOnlyList<ErBox> boxes, Dictionary<ErBox, List<ErBox>> parents)
    {
        var state = boxes.ToDictionary(b => b, _ => 0); // 0 unseen, 1 on the path, 2 done
        var back = new HashSet<(ErBox, ErBox)>();
        foreach (var start in boxes)
        {
            if (state[start] != 0) continue;
            var stack = new Stack<(ErBox Box, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (box, next) = stack.Pop();
                if (next < parents[box].Count)
                {
                    stack.Push((box, next + 1));
                    var parent = parents[box][next];
                    if (state[parent] == 1) back.Add((box, parent));
                    else if (state[parent] == 0) { state[parent] = 1; stack.Push((parent, 0)); }
                }
                else state[box] = 2;
            }
        }
        return parents.ToDictionary(p => p.Key, p => p.Value.Where(parent => !back.Contains((p.Key, parent))).ToList());
    }

    /// <summary>Parents before children.</summary>
    private static List<ErBox> Topological(IReadOnlyList<ErBox> boxes, Dictionary<ErBox, List<ErBox>> parents)
    {
        var waiting = boxes.ToDictionary(b => b, b => parents[b].Count);
        var children = boxes.ToDictionary(b => b, b => boxes.Where(c => parents[c].Contains(b)).ToList());
        var ready = new Queue<ErBox>(boxes.Where(b => waiting[b] == 0));
        var order = new List<ErBox>();
        while (ready.Count > 0)
        {
            var box = ready.Dequeue();
            order.Add(box);
            foreach (var child in children[box])
                if (--waiting[child] == 0) ready.Enqueue(child);
        }
        return order;
    }
}
