namespace DevPlatform.Core.Uploads;

/// <summary>What one kind of upload accepts.</summary>
/// <param name="Field">The field a refusal names, as the API and the page show it ("diagramData").</param>
/// <param name="What">What the file is, in a message ("The diagram").</param>
/// <param name="AllowedTypes">
/// The only types accepted, each recognised by content; null accepts any type, but a declared type that
/// <see cref="FileTypes"/> can recognise must still match the bytes.
/// </param>
public sealed record UploadPolicy(string Field, string What, long MaxBytes, IReadOnlyList<string>? AllowedTypes)
{
    public const long MiB = 1024 * 1024;

    public static readonly UploadPolicy Diagram = new("diagramData", "The diagram", 20 * MiB,
        [FileTypes.Png, FileTypes.Jpeg, FileTypes.WebP, FileTypes.Svg]);

    public static readonly UploadPolicy ProfilePicture = new("imageData", "The picture", 5 * MiB,
        [FileTypes.Png, FileTypes.Jpeg, FileTypes.WebP]);

    public static readonly UploadPolicy Attachment = new("fileData", "The file", 100 * MiB, null);

    /// <summary>"PNG, JPEG, WebP or SVG" for messages and hints.</summary>
    public string AllowedWords => AllowedTypes is null ? "any type" : string.Join(", ", AllowedTypes.Select(FileTypes.ExtensionOf).Select(e => e switch
    {
        "jpg" => "JPEG", "webp" => "WebP", _ => e.ToUpperInvariant(),
    })).ReplaceLastComma();

    /// <summary>"20 MB" for messages.</summary>
    public string MaxWords => $"{MaxBytes / MiB} MB";
}

internal static class ListWords
{
    public static string ReplaceLastComma(this string list)
    {
        var at = list.LastIndexOf(", ", StringComparison.Ordinal);
        return at < 0 ? list : list[..at] + " or " + list[(at + 2)..];
    }
}
