using System.Globalization;
using System.Text;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// How text becomes search terms, the same for indexing and for queries: words of letters and digits, lower-cased,
/// accents folded ("Café" → "cafe"), 2 to 40 characters, common English stop words dropped. No stemming: "deploy" does
/// not find "deployment", but the last word of a query matches as a prefix, which covers most of that.
/// </summary>
public static class SearchTerms
{
    public const int MinLength = 2;
    public const int MaxLength = 40;

    /// <summary>A page indexes at most this many distinct terms (title first, then text in order): a bound on the index writes of one save.</summary>
    public const int MaxTermsPerDocument = 3000;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "we", "you", "he", "she",
    ];

    public readonly record struct Token(string Term, int Start, int Length);

    /// <summary>Every word of <paramref name="text"/> with its place, stop words and too short or long words included (for highlighting).</summary>
    public static IEnumerable<Token> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text, i)) i++;
            var start = i;
            while (i < text.Length && IsWordChar(text, i)) i += char.IsSurrogatePair(text, i) ? 2 : 1;
            if (i > start) yield return new Token(Fold(text[start..i]), start, i - start);
        }
    }

    public static bool IsIndexed(string term) => term.Length is >= MinLength and <= MaxLength && !StopWords.Contains(term);

    /// <summary>Distinct indexed terms of the title and text, with how often each occurs in each.</summary>
    public static Dictionary<string, (int Title, int Body)> Count(string title, string text)
    {
        var counts = new Dictionary<string, (int Title, int Body)>();
        foreach (var token in Tokens(title).Where(t => IsIndexed(t.Term)))
            if (counts.TryGetValue(token.Term, out var c)) counts[token.Term] = (c.Title + 1, c.Body);
            else if (counts.Count < MaxTermsPerDocument) counts[token.Term] = (1, 0);
        foreach (var token in Tokens(text).Where(t => IsIndexed(t.Term)))
            if (counts.TryGetValue(token.Term, out var c)) counts[token.Term] = (c.Title, c.Body + 1);
            else if (counts.Count < MaxTermsPerDocument) counts[token.Term] = (0, 1);
        return counts;
    }

    /// <summary>The query's terms; the last one is a prefix unless the query ends with a space.</summary>
    public static (IReadOnlyList<string> Exact, string? Prefix) Query(string query)
    {
        var terms = Tokens(query).Select(t => t.Term).Where(t => t.Length <= MaxLength).Distinct().ToList();
        var prefix = terms.Count > 0 && query.Length > 0 && !char.IsWhiteSpace(query[^1]) && IsWordChar(query, query.Length - 1) ? terms[^1] : null;
        var exact = terms.Where(t => IsIndexed(t) && t != prefix).ToList();
        // A one-letter prefix would match half the index; a stop word typed in full still works as a prefix ("the" → "theme").
        if (prefix is { Length: < MinLength }) prefix = null;
        return (exact, prefix);
    }

    private static bool IsWordChar(string text, int i) => char.IsLetterOrDigit(text, i) || CharUnicodeInfo.GetUnicodeCategory(text, i) == UnicodeCategory.NonSpacingMark;

    private static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
