using DevPlatform.Core.Documentation;

namespace DevPlatform.Tests.Core.Documentation;

/// <summary>Whatever a document says, the HTML a reader gets runs no script and loads nothing that could.</summary>
public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=alert(1)><circle/></svg>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("<math><mtext><script>alert(1)</script></mtext></math>")]
    public void NothingThatCanRunScriptSurvives(string markdown)
    {
        var html = _renderer.Render(markdown);

        // Read as a browser would: what counts is the elements and attributes, not text that merely mentions them.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, (string[])["script", "iframe", "svg", "object", "embed", "form", "math", "style", "link", "meta"]);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}>");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.Matches("^(https?:|mailto:|#|[^:]*$)", attribute.Value.Trim().ToLowerInvariant());
            }
        }
    }

    [Fact]
    public void TypedHtmlIsShownAsTextNotDropped()
    {
        Assert.Contains("&lt;script&gt;", _renderer.Render("Use <script> tags carefully"));
    }

    [Fact]
    public void OrdinaryMarkdownKeepsItsStructure()
    {
        var html = _renderer.Render("# Title\n\nSome **bold** and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n[site](https://example.com)");

        Assert.Contains("<h1 id=\"doc-title\">Title</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("href=\"https://example.com\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void EmptyTextIsEmptyHtml() => Assert.Equal("", _renderer.Render("  "));
}
