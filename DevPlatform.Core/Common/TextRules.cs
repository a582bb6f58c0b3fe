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
    /// Control characters, and the invisible ones used to disguise text: every format character (zero-width spaces,
    /// byte-order marks, soft hyphens, direction marks, the bidirectional overrides and isolates that make "txt.exe" read
    /// as "exe.txt", invisible operators, tag characters), and the letters that draw nothing (Hangul fillers, the blank
    /// Braille pattern, the combining grapheme joiner). The two joiners stay: scripts and emoji need them.
    /// </summary>
    public static bool HasHiddenCharacters(string text) =>
        !IsWellFormed(text) || text.EnumerateRunes().Any(IsHidden);

    private static bool IsHidden(Rune rune) =>
        Rune.IsControl(rune)
        || (Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format && rune.Value is not (0x200C or 0x200D))
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x2800 or 0x3164 or 0xFFA0;

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
