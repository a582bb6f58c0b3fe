using System.Text;
using DevPlatform.Core.Common;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// The file name an attachment is stored under, as the last segment of documentation/{projectId}/{documentId}/{name}.
/// A name that tries to be a path ("../x", "/etc/passwd", "a\b") or hides characters is refused outright — quietly
/// rewriting it would store something the caller did not name. Characters some file systems or browsers mishandle are
/// replaced, and a long name is shortened keeping its extension.
/// </summary>
public static class AttachmentNames
{
    public const string Field = "fileName";

    /// <summary>In UTF-8 bytes: well inside a key segment, and room for " (99)".</summary>
    public const int MaxBytes = 150;

    private const int MaxExtensionLength = 16;

    public static string Safe(string? fileName)
    {
        var name = TextRules.Normalize(fileName);
        if (name.Length == 0) throw new ValidationFailedException(Field, "fileName is required.");
        if (name.Contains('/') || name.Contains('\\'))
            throw new ValidationFailedException(Field, "fileName must be a plain file name, not a path: no '/' or '\\'.");
        if (name is "." or ".." || name.All(c => c == '.'))
            throw new ValidationFailedException(Field, "fileName must be a plain file name, not '.' or '..'.");
        if (TextRules.HasHiddenCharacters(name))
            throw new ValidationFailedException(Field, "fileName must not contain control, invisible or direction-changing characters.");
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(c is ':' or '*' or '?' or '"' or '<' or '>' or '|' or '#' or '%' ? '_' : c);
        // Trailing dots and spaces vanish on Windows, and a leading dash reads as an option to command-line tools.
        name = builder.ToString().TrimEnd('.', ' ').TrimStart('-', ' ');
        if (name.Length == 0) throw new ValidationFailedException(Field, "fileName must have at least one letter or digit.");
        return Shorten(name, MaxBytes);
    }

    /// <summary>The name for the <paramref name="n"/>th file of the same name: "spec.pdf", "spec (2).pdf", "spec (3).pdf"…</summary>
    public static string Numbered(string safeName, int n)
    {
        if (n <= 1) return safeName;
        var (stem, extension) = Split(safeName);
        return $"{Shorten(stem, MaxBytes - Encoding.UTF8.GetByteCount(extension) - 8)} ({n}){extension}";
    }

    private static string Shorten(string name, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes) return name;
        var (stem, extension) = Split(name);
        var room = maxBytes - Encoding.UTF8.GetByteCount(extension);
        var cut = new StringBuilder();
        foreach (var rune in stem.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(cut.ToString()) + rune.Utf8SequenceLength > room) break;
            cut.Append(rune.ToString());
        }
        return cut.ToString().TrimEnd('.', ' ') + extension;
    }

    private static (string Stem, string Extension) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= MaxExtensionLength ? (name[..dot], name[dot..]) : (name, "");
    }
}
