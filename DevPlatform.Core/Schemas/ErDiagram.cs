using System.Globalization;
using System.Text;
using System.Xml;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// Draws a schema as an entity-relationship diagram in SVG, from the schema alone: a box per table (entities, and the link
/// tables of many-to-many relations, dashed) listing the implicit key, the fields with their types and the key columns
/// (<see cref="RelationResolver"/>), and a line per key column from its row to the table it points at, with a crow's foot
/// on the many side and a bar on the one side (two bars when the key is required, a circle when it may be empty).
/// Every piece of user text goes through an XML writer, so a name can never add markup; the result has no script.
/// </summary>
public static class ErDiagram
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string Line = "#4b5563";

    public static string Render(string name, SchemaDefinition schema)
    {
        var (boxes, edges) = Tables(schema);
        var layout = ErDiagramLayout.Place(boxes, edges);
        var (width, height) = (layout.Width, layout.Height);
        var text = new StringBuilder();
        using (var svg = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            svg.WriteStartElement("svg", SvgNamespace);
            Attributes(svg, ("width", width), ("height", height), ("viewBox", $"0 0 {width} {height}"), ("role", "img"),
                ("font-family", "Roboto, Helvetica, Arial, sans-serif"), ("font-size", 12));
            svg.WriteElementString("title", SvgNamespace, Clean($"{name}: entity-relationship diagram"));
            Element(svg, "rect", ("width", width), ("height", height), ("fill", "#ffffff"));
            Text(svg, ErDiagramLayout.Margin, ErDiagramLayout.Margin + 16, Shorten(name, 80), ("font-size", 16), ("font-weight", "bold"), ("fill", "#1f2937"));
            if (boxes.Count == 0)
                Text(svg, ErDiagramLayout.Margin, ErDiagramLayout.Margin + ErDiagramLayout.TitleHeight + 24, "No entities yet: add one to see it drawn here.", ("fill", "#6b7280"));
            for (var i = 0; i < edges.Count; i++) WriteEdge(svg, layout, edges[i], i);
            foreach (var box in boxes) WriteBox(svg, box);
            svg.WriteEndElement();
        }
        return text.ToString();
    }

    private static (List<ErBox> Boxes, List<ErEdge> Edges) Tables(SchemaDefinition schema)
    {
        var map = RelationResolver.Resolve(schema);
        var boxes = new List<ErBox>();
        var rowsOf = new Dictionary<string, List<ErRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in schema.Entities)
        {
            var rows = new List<ErRow> { new("PK", SchemaRules.ImplicitKey, "uuid", true, $"{entity.Name}.id: the implicit primary key (uuid)") };
            rows.AddRange(entity.Fields.Select(f => new ErRow(f.Unique ? "U" : "", f.Name, TypeText(f), f.Required, $"{entity.Name}.{f.Name}: {SchemaSummaries.Of(f)}")));
            rows.AddRange(map.ForeignKeysOf(entity.Name).Select(k => new ErRow("FK", k.Column, "→ " + k.Target, k.Required, KeyTooltip(k))));
            rowsOf[entity.Name] = rows;
            boxes.Add(new ErBox(entity.Name, false, rows, boxes.Count));
        }
        foreach (var link in map.LinkTables)
            boxes.Add(new ErBox(link.Name, true,
                [
                    new("FK", link.EntityColumn, "→ " + link.Entity, true, $"{link.Name}.{link.EntityColumn}: the {link.Entity} of a link"),
                    new("FK", link.TargetColumn, "→ " + link.Target, true, $"{link.Name}.{link.TargetColumn}: the {link.Target} of a link"),
                ], boxes.Count));
        var byName = boxes.Where(b => !b.IsLink).ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        var edges = new List<ErEdge>();
        foreach (var key in map.ForeignKeys)
        {
            var child = byName[key.Entity];
            edges.Add(new ErEdge(child, rowsOf[key.Entity].FindIndex(r => r.Marker == "FK" && r.Name == key.Column), byName[key.Target], key.Required, KeyTooltip(key)));
        }
        foreach (var (link, box) in map.LinkTables.Zip(boxes.Where(b => b.IsLink)))
        {
            var pair = link.InverseRelation is { } inverse ? $"{link.Entity}.{link.Relation} ↔ {link.Target}.{inverse}" : $"{link.Entity}.{link.Relation}";
            edges.Add(new ErEdge(box, 0, byName[link.Entity], true, $"many-to-many {pair}: {link.Name}.{link.EntityColumn} → {link.Entity}.id"));
            edges.Add(new ErEdge(box, 1, byName[link.Target], true, $"many-to-many {pair}: {link.Name}.{link.TargetColumn} → {link.Target}.id"));
        }
        return (boxes, edges);
    }

    private static string KeyTooltip(ForeignKeyColumn key)
    {
        var what = key.ManyToOne is { } m ? $"many-to-one '{m}'" : "key column";
        var inverse = key.OneToMany is { } o ? $", inverse of {key.Target}.{o} (one-to-many)" : "";
        return $"{key.Entity}.{key.Column} → {key.Target}.id: {what}{inverse}{(key.Required ? ", required" : "")}";
    }

    private static string TypeText(SchemaField field) => field.Type switch
    {
        FieldType.String when field.MaxLength is { } max => $"string({max})",
        _ => SchemaWords.Of(field.Type),
    };

    private static void WriteBox(XmlWriter svg, ErBox box)
    {
        svg.WriteStartElement("g", SvgNamespace);
        Attributes(svg, ("class", box.IsLink ? "link-table" : "entity"));
        svg.WriteElementString("title", SvgNamespace, Clean(box.IsLink ? $"{box.Name}: link table of a many-to-many relation" : box.Name));
        var (header, stroke) = box.IsLink ? ("#e5e7eb", "#6b7280") : ("#594ae2", "#3f33b5");
        Element(svg, "rect", ("x", box.X), ("y", box.Y), ("width", box.Width), ("height", box.Height), ("rx", 6), ("fill", "#ffffff"),
            ("stroke", stroke), ("stroke-width", 1.5), ("stroke-dasharray", box.IsLink ? "5 3" : "none"));
        Element(svg, "path", ("d", Invariant($"M {box.X} {box.Y + ErBox.HeaderHeight} v -{ErBox.HeaderHeight - 6} q 0 -6 6 -6 h {box.Width - 12} q 6 0 6 6 v {ErBox.HeaderHeight - 6} z")),
            ("fill", header));
        Text(svg, box.X + 10, box.Y + 19, Shorten(box.Name, 44), ("font-weight", "bold"), ("font-size", 13), ("fill", box.IsLink ? "#374151" : "#ffffff"));
        for (var i = 0; i < box.Rows.Count; i++)
        {
            var row = box.Rows[i];
            var y = box.RowY(i) + 4;
            svg.WriteStartElement("g", SvgNamespace);
            svg.WriteElementString("title", SvgNamespace, Clean(row.Tooltip));
            if (i % 2 == 1) Element(svg, "rect", ("x", box.X + 1), ("y", box.RowY(i) - ErBox.RowHeight / 2.0), ("width", box.Width - 2), ("height", ErBox.RowHeight), ("fill", "#f8f8fc"));
            Text(svg, box.X + 8, y, row.Marker, ("font-size", 9), ("font-weight", "bold"), ("fill", row.Marker == "PK" ? "#b45309" : row.Marker == "FK" ? "#2563eb" : "#047857"));
            Text(svg, box.X + 30, y, Shorten(row.Name, 34), ("fill", "#111827"), ("font-weight", row.Required ? "bold" : "normal"));
            Text(svg, box.X + box.Width - 8, y, Shorten(row.Type, 24), ("fill", "#6b7280"), ("text-anchor", "end"));
            svg.WriteEndElement();
        }
        svg.WriteEndElement();
    }

    /// <summary>
    /// A line from the key's row to the parent's id row: a curve to a box in the next column, a loop on the right within a
    /// column, and to a box further away a right-angled line through the gaps between columns and between boxes, so it
    /// never runs behind a box. <paramref name="index"/> spreads lines that share a gap.
    /// </summary>
    private static void WriteEdge(XmlWriter svg, ErLayout layout, ErEdge edge, int index)
    {
        var (child, parent) = (edge.Child, edge.Parent);
        double y1 = child.RowY(edge.Row), y2 = parent.RowY(0);
        double x1, x2;
        int out1, out2;
        if (parent.Column < child.Column) (x1, out1, x2, out2) = (child.X, -1, parent.X + parent.Width, 1);
        else if (parent.Column > child.Column) (x1, out1, x2, out2) = (child.X + child.Width, 1, parent.X, -1);
        else (x1, out1, x2, out2) = (child.X + child.Width, 1, parent.X + parent.Width, 1);
        string path;
        if (out1 == out2)
        {
            var reach = Math.Max(x1, x2) + 36 + Math.Abs(y2 - y1) / 12;
            path = Invariant($"M {x1} {y1} C {reach} {y1} {reach} {y2} {x2} {y2}");
        }
        else if (Math.Abs(parent.Column - child.Column) == 1)
        {
            var bend = Math.Max(40, Math.Abs(x2 - x1) / 2);
            path = Invariant($"M {x1} {y1} C {x1 + out1 * bend} {y1} {x2 + out2 * bend} {y2} {x2} {y2}");
        }
        else
        {
            var spread = (index % 5 - 2) * 7;
            double gap1 = x1 + out1 * (ErDiagramLayout.ColumnGap / 2.0 + spread), gap2 = x2 + out2 * (ErDiagramLayout.ColumnGap / 2.0 - spread);
            var lane = layout.Lane(child.Column, parent.Column, (y1 + y2) / 2) + spread / 2.0;
            path = Invariant($"M {x1} {y1} L {gap1} {y1} L {gap1} {lane} L {gap2} {lane} L {gap2} {y2} L {x2} {y2}");
        }
        svg.WriteStartElement("g", SvgNamespace);
        Attributes(svg, ("class", "relation"));
        svg.WriteElementString("title", SvgNamespace, Clean(edge.Tooltip));
        Element(svg, "path", ("d", path), ("fill", "none"), ("stroke", Line), ("stroke-width", 1.4), ("stroke-linejoin", "round"));
        // Many: a crow's foot at the key's end, with a circle (zero or many).
        var tip = x1 + out1 * 12;
        Element(svg, "path", ("d", Invariant($"M {tip} {y1} L {x1} {y1 - 6} M {tip} {y1} L {x1} {y1 + 6} M {tip} {y1} L {x1} {y1}")), ("stroke", Line), ("stroke-width", 1.4), ("fill", "none"));
        Element(svg, "circle", ("cx", x1 + out1 * 17), ("cy", y1), ("r", 3.5), ("fill", "#ffffff"), ("stroke", Line), ("stroke-width", 1.2));
        // One: a bar at the key's target; a second bar when the key is required (exactly one), else a circle (zero or one).
        Element(svg, "path", ("d", Invariant($"M {x2 + out2 * 8} {y2 - 6} v 12")), ("stroke", Line), ("stroke-width", 1.4));
        if (edge.Required) Element(svg, "path", ("d", Invariant($"M {x2 + out2 * 13} {y2 - 6} v 12")), ("stroke", Line), ("stroke-width", 1.4));
        else Element(svg, "circle", ("cx", x2 + out2 * 15), ("cy", y2), ("r", 3.5), ("fill", "#ffffff"), ("stroke", Line), ("stroke-width", 1.2));
        svg.WriteEndElement();
    }

    private static void Element(XmlWriter svg, string name, params (string Name, object Value)[] attributes)
    {
        svg.WriteStartElement(name, SvgNamespace);
        Attributes(svg, attributes);
        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, params (string Name, object Value)[] attributes)
    {
        svg.WriteStartElement("text", SvgNamespace);
        Attributes(svg, [("x", x), ("y", y), .. attributes]);
        svg.WriteString(Clean(text));
        svg.WriteEndElement();
    }

    private static void Attributes(XmlWriter svg, params (string Name, object Value)[] attributes)
    {
        foreach (var (name, value) in attributes) svg.WriteAttributeString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="max"/> text elements (an emoji or accent is never cut in half), with an ellipsis.</summary>
    private static string Shorten(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max - 1) + "…";
    }

    /// <summary>Drops characters XML cannot carry (the rules refuse them; this keeps a bad stored name from breaking the drawing).</summary>
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
