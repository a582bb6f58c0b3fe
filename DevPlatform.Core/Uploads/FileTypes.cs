using System.Text;

namespace DevPlatform.Core.Uploads;

/// <summary>
/// Recognises a file by its first bytes, not by what the client says it is. Only types we can recognise with
/// certainty are listed; anything else is "unrecognised", which a policy may accept (attachments) or refuse (images).
/// </summary>
public static class FileTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";
    public const string Svg = "image/svg+xml";
    public const string Gif = "image/gif";
    public const string Pdf = "application/pdf";
    public const string Zip = "application/zip";
    public const string Gzip = "application/gzip";
    public const string Binary = "application/octet-stream";

    /// <summary>How many leading bytes <see cref="Detect"/> looks at (an SVG may start with a long XML prologue).</summary>
    public const int HeadLength = 4096;

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [Png] = "png", [Jpeg] = "jpg", [WebP] = "webp", [Svg] = "svg", [Gif] = "gif", [Pdf] = "pdf", [Zip] = "zip", [Gzip] = "gz",
    };

    // Names clients use for the same types.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpg"] = Jpeg, ["image/pjpeg"] = Jpeg, ["image/x-png"] = Png, ["application/x-zip-compressed"] = Zip,
        ["application/x-gzip"] = Gzip, ["image/svg"] = Svg,
    };

    /// <summary>The types whose content <see cref="Detect"/> recognises: a declared one of these must match the bytes.</summary>
    public static IReadOnlyCollection<string> Recognisable => Extensions.Keys;

    /// <summary>"image/png" → "png"; unknown types → "bin".</summary>
    public static string ExtensionOf(string contentType) => Extensions.GetValueOrDefault(Normalize(contentType) ?? "", "bin");

    /// <summary>The types and every alias that <see cref="Normalize"/> maps to one of them ("image/jpg" beside "image/jpeg").</summary>
    public static string[] WithAliases(params string[] types) =>
        [.. types, .. Aliases.Where(a => types.Contains(a.Value)).Select(a => a.Key)];

    /// <summary>Lower case, parameters dropped, common aliases mapped ("image/jpg" → "image/jpeg"); null when it is not a media type.</summary>
    public static string? Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var slash = type.IndexOf('/');
        if (slash <= 0 || slash == type.Length - 1 || type.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || type.Length > 100) return null;
        return Aliases.GetValueOrDefault(type, type);
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> GzipSignature => [0x1F, 0x8B];
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> EmptyZipSignature => [0x50, 0x4B, 0x05, 0x06];
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The recognised type of content starting with <paramref name="head"/>, or null.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature)) return Png;
        if (head.StartsWith(JpegSignature)) return Jpeg;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(ZipSignature) || head.StartsWith(EmptyZipSignature)) return Zip;
        if (head.StartsWith(GzipSignature)) return Gzip;
        return IsSvg(head) ? Svg : null;
    }

    /// <summary>
    /// Text whose first element is &lt;svg&gt;, after an optional byte-order mark, XML declaration, comments and doctype.
    /// </summary>
    private static bool IsSvg(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Utf8ByteOrderMark)) head = head[3..];
        var text = Encoding.UTF8.GetString(head).AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("<?", StringComparison.Ordinal)) text = After(text, "?>");
            else if (text.StartsWith("<!--", StringComparison.Ordinal)) text = After(text, "-->");
            else if (text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)) text = After(text, ">");
            else break;
            if (text.IsEmpty) return false;
        }
        return text.StartsWith("<svg", StringComparison.Ordinal) && text.Length > 4 && (char.IsWhiteSpace(text[4]) || text[4] is '>' or '/');
    }

    private static ReadOnlySpan<char> After(ReadOnlySpan<char> text, string end)
    {
        var at = text.IndexOf(end, StringComparison.Ordinal);
        return at < 0 ? [] : text[(at + end.Length)..];
    }
}
