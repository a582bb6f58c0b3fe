using System.Text;

namespace DevPlatform.Core.Storage.Blobs;

/// <summary>
/// How a download link presents an object. Raster images are shown inline (an &lt;img&gt; and a new tab both work);
/// everything else, SVG included, is a download under its own file name, so an uploaded SVG or HTML file opened from
/// its link is never rendered as a page of ours that could run script.
/// </summary>
public static class BlobDisposition
{
    private static readonly Dictionary<string, string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".webp"] = "image/webp", [".gif"] = "image/gif",
    };

    /// <summary>
    /// Shown in the browser only when the name says raster image and so does the stored type (when known): an HTML file
    /// uploaded as "pic.png" is a download. Where the stored type is not at hand (an S3 link), <see cref="InlineContentType"/>
    /// is sent instead of it, so the bytes can only ever be read as an image.
    /// </summary>
    public static bool IsInline(string key, string? storedContentType) =>
        InlineContentType(key) is not null && (storedContentType is null || InlineTypes.ContainsValue(storedContentType.ToLowerInvariant()));

    /// <summary>The raster image type the key's name says, or null when it names no raster image.</summary>
    public static string? InlineContentType(string key) => InlineTypes.GetValueOrDefault(Path.GetExtension(FileName(key)));

    /// <summary>The Content-Disposition header value for the object, with an ASCII fallback name and the exact UTF-8 one (RFC 6266).</summary>
    public static string HeaderFor(string key, string? storedContentType)
    {
        var name = FileName(key);
        var ascii = new string(name.Select(c => c is >= ' ' and < (char)127 and not ('"' or '\\') ? c : '_').ToArray());
        var utf8 = string.Concat(Encoding.UTF8.GetBytes(name).Select(b => IsAttrChar(b) ? ((char)b).ToString() : $"%{b:X2}"));
        return $"{(IsInline(key, storedContentType) ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{utf8}";
    }

    private static string FileName(string key) => key[(key.LastIndexOf('/') + 1)..];

    // RFC 5987 attr-char: what may stand unencoded in filename*.
    private static bool IsAttrChar(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
        || "!#$&+-.^_`|~"u8.Contains(b);
}
