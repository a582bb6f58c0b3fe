using System.Text;

namespace DevPlatform.Core.Common;

/// <summary>
/// How user-typed text is stored and compared: trimmed and in Unicode normal form C, so "café" typed on a Mac
/// (decomposed) and on Windows (composed) is one name and one search; and free of characters that hide or reorder text.
/// </summary>
public static class TextRules
{
    public static string Normalize(string? text) => (text ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Control characters, and the invisible ones used to disguise text: zero-width spaces, byte-order marks and the
    /// bidirectional overrides and isolates that make "txt.exe" read as "exe.txt". (Joiners stay: scripts and emoji need them.)
    /// </summary>
    public static bool HasHiddenCharacters(string text) =>
        text.Any(c => char.IsControl(c) || c is '\u200B' or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
        || !IsWellFormed(text);

    /// <summary>
    /// For free text (descriptions): control characters other than line breaks and tabs, byte-order marks, and the
    /// bidirectional embeddings and overrides that reorder what follows them. Zero-width spaces (Thai and Khmer break
    /// words with them) and directional isolates (correct bidirectional text uses them) stay.
    /// </summary>
    public static bool HasHiddenCharactersInFreeText(string text) =>
        text.Any(c => (char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || c is '\uFEFF' or (>= '\u202A' and <= '\u202E'))
        || !IsWellFormed(text);

    /// <summary>False for text with a lone surrogate, which no encoding can store faithfully.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
