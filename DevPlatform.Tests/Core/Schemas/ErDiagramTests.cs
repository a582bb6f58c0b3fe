using System.Xml.Linq;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>The ER diagram drawn from a schema: every table, key column and relation, safely, and readable for many entities.</summary>
public sealed class ErDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void EveryEntityFieldKeyColumnAndLinkTableIsDrawn()
    {
        var svg = XDocument.Parse(ErDiagram.Render("Shop", TestSchemas.Shop()));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToHashSet();

        Assert.Equal(10, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "entity"));
        Assert.Equal(["ProductTags"], svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "link-table")
            .Select(g => g.Element(Svg + "title")!.Value.Split(':')[0]));
        Assert.Superset(new HashSet<string> { "Customer", "OrderLine", "email", "string(320)", "customerId", "→ Customer", "tagId", "→ Tag", "uuid" }, texts);
        // One line per key column (11 in the shop: every one-to-many there is the inverse of a many-to-one) and two per link table.
        Assert.Equal(11 + 2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "relation"));
    }

    [Fact]
    public void NamesAreTextNeverMarkupAndTheDrawingHasNoScript()
    {
        var svg = ErDiagram.Render("<script>alert(1)</script>", new SchemaDefinition([new SchemaEntity("Post", [new SchemaField("title", FieldType.String)])]));

        Assert.DoesNotContain("<script", svg);
        Assert.Contains("&lt;script&gt;", svg);
        Assert.DoesNotContain(" on", XDocument.Parse(svg).Descendants().SelectMany(e => e.Attributes()).Select(a => " " + a.Name.LocalName));
    }

    [Fact]
    public void FiftyEntitiesLieInAGridWithoutOverlappingBoxes()
    {
        var entities = Enumerable.Range(0, 50).Select(i => new SchemaEntity($"Entity{i}", [new SchemaField("name", FieldType.String)],
            i == 0 ? [] : [new SchemaRelation("parent", RelationKind.ManyToOne, $"Entity{i / 3}")])).ToList();

        var svg = XDocument.Parse(ErDiagram.Render("Big", new SchemaDefinition(entities)));

        var boxes = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "entity").Select(g => g.Element(Svg + "rect")!)
            .Select(r => (X: (double)r.Attribute("x")!, Y: (double)r.Attribute("y")!, W: (double)r.Attribute("width")!, H: (double)r.Attribute("height")!)).ToList();
        Assert.Equal(50, boxes.Count);
        foreach (var a in boxes)
            Assert.Single(boxes, b => a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H);
        var width = (double)svg.Root!.Attribute("width")!;
        var height = (double)svg.Root!.Attribute("height")!;
        Assert.InRange(width / height, 0.4, 5);
    }

    [Fact]
    public void AnEmptySchemaSaysSo()
    {
        Assert.Contains("No entities yet", ErDiagram.Render("Empty", new SchemaDefinition([])));
    }
}
