using System.Xml.Linq;
using DevPlatform.Core.Architecture;

namespace DevPlatform.Tests.Core.Architecture;

public sealed class ComponentDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void NamesThatLookLikeMarkupAreTextNotElements()
    {
        var hostile = "<script>x()</script>";
        var content = new ArchitectureContent("\"><svg onload=alert(1)>", "", ArchitectureStyle.Other,
            [new ArchitectureComponent(hostile, ComponentKind.Service, "<img src=x onerror=alert(2)>"), new ArchitectureComponent("B&B", ComponentKind.Database, "")],
            [new ArchitectureConnection(hostile, "B&B", "</text><script>x</script>", "a\"b")]);

        var svg = ComponentDiagram.Render(content);

        var document = XDocument.Parse(svg);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "img" or "foreignObject");
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == hostile);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ACallerStandsLeftOfWhatItCallsAndACycleStillDraws()
    {
        var content = new ArchitectureContent("Flow", "", ArchitectureStyle.Layered,
            [new ArchitectureComponent("Db", ComponentKind.Database, ""), new ArchitectureComponent("Api", ComponentKind.Service, ""),
                new ArchitectureComponent("Web", ComponentKind.Frontend, "")],
            [new ArchitectureConnection("Web", "Api", "", ""), new ArchitectureConnection("Api", "Db", "", ""), new ArchitectureConnection("Db", "Web", "sync", "")]);

        var document = XDocument.Parse(ComponentDiagram.Render(content));

        var x = document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "component")
            .ToDictionary(g => g.Descendants(Svg + "text").First().Value, g => double.Parse((string)g.Element(Svg + "rect")!.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(x["Web"] < x["Api"] && x["Api"] < x["Db"]);
        Assert.Equal(3, document.Descendants(Svg + "path").Count(p => (string?)p.Attribute("marker-end") == "url(#arrow)"));
    }

    [Fact]
    public void AnEmptyArchitectureSaysSo()
    {
        var svg = ComponentDiagram.Render(new ArchitectureContent("Empty", "", ArchitectureStyle.Other, [], []));

        Assert.Contains("No components yet", svg);
    }

    [Fact]
    public void LongNamesAreShortenedWithTheFullNameInTheTooltip()
    {
        var name = new string('x', 60) + "😀";
        var svg = XDocument.Parse(ComponentDiagram.Render(new ArchitectureContent("Long", "", ArchitectureStyle.Other,
            [new ArchitectureComponent(name, ComponentKind.Service, "")], [])));

        var box = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "component");
        Assert.EndsWith("…", box.Descendants(Svg + "text").First().Value);
        Assert.StartsWith(name, box.Element(Svg + "title")!.Value);
    }
}
