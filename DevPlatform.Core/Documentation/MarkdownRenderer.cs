using Ganss.Xss;
using Markdig;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// Markdown to HTML that is safe to put in a reader's page, shared by the API's /html route and the editor's preview.
/// Two layers: Markdig with raw HTML disabled (typed &lt;script&gt; comes out as text), then an allow-list sanitiser over
/// the result, so whatever Markdig or an extension lets through (a javascript: link, an on* attribute, a style, an
/// iframe, an SVG) is dropped before the HTML leaves the server.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseAutoIdentifiers()
        .UseListExtras()
        .Build();

    private const string IdPrefix = "doc-";

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>The sanitised HTML of <paramref name="markdown"/>; empty for empty input.</summary>
    public string Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var html = Markdown.ToHtml(markdown, Pipeline);
        // The sanitiser is not documented as thread-safe for Sanitize calls sharing one instance's state; a lock is
        // cheap next to parsing, and the renderer is a singleton shared by every circuit.
        lock (_sanitizer) return _sanitizer.Sanitize(html);
    }

    /// <summary>The text a reader reads, without Markdown's marks (for search snippets).</summary>
    public static string PlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "ins", "mark", "sub", "sup",
                "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody", "tfoot",
                "tr", "th", "td", "caption", "span", "div", "input", "section", "figure", "figcaption", "abbr", "kbd",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "align", "colspan", "rowspan", "start", "type", "checked", "disabled",
            },
            // No style attribute and no CSS at all: style-based attacks (expression(), url(javascript:), overlays) are out.
            AllowedCssProperties = new HashSet<string>(),
            // data: and javascript: URLs are not in the list, so links and images using them lose the attribute.
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element) return;
            // Task-list checkboxes are the only inputs Markdig writes; any other input is dropped.
            if (element.LocalName == "input" && element.GetAttribute("type") != "checkbox") element.Remove();
            // Heading and footnote ids are prefixed so a document cannot clobber the app's own element ids.
            if (element.GetAttribute("id") is { } id) element.SetAttribute("id", IdPrefix + id);
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href)
            {
                if (href.StartsWith('#')) element.SetAttribute("href", "#" + IdPrefix + href[1..]);
                // A document's links leave the app without handing it the reader's window.
                element.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
