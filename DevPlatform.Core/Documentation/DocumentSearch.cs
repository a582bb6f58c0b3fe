using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// Search over a project's page titles and text through <see cref="DocumentIndex"/>: every term of the query must occur
/// (the last one as a prefix while it is being typed); a match in the title counts more than one in the text. Each hit is
/// checked against the page as stored now, so an index entry left over for a moment never shows a page that no longer matches.
/// </summary>
public sealed class DocumentSearch(IDocumentStore documents, ProjectService projects, DocumentIndex index)
{
    public const int MaxResults = 50;
    private const int MaxEntriesPerTerm = 2000;
    private const int SnippetLength = 180;
    private const double TitleWeight = 5;

    public async Task<IReadOnlyList<DocumentSearchHit>> SearchAsync(Actor actor, string projectId, string? query, int limit = 20, CancellationToken ct = default)
    {
        var text = TextRules.Normalize(query);
        if (text.Length > DocumentRules.MaxSearchLength) throw new ValidationFailedException("q", $"The search must be at most {DocumentRules.MaxSearchLength} characters.");
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        var (exact, prefix) = SearchTerms.Query(text.Length == 0 ? "" : query!);
        if (exact.Count == 0 && prefix is null) return [];
        var terms = exact.Select(t => (Term: t, Prefix: false)).Concat(prefix is null ? [] : [(prefix, true)]).ToList();
        Dictionary<string, double>? scores = null;
        foreach (var (term, isPrefix) in terms)
        {
            var matches = await index.MatchesAsync(projectId, term, isPrefix, MaxEntriesPerTerm, ct);
            var termScores = matches.ToDictionary(m => m.Key, m => TitleWeight * Math.Min(m.Value.Title, 3) + Math.Log2(1 + m.Value.Body));
            scores = scores is null ? termScores
                : scores.Where(s => termScores.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value + termScores[s.Key]);
            if (scores.Count == 0) return [];
        }
        var ranked = scores!.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Math.Clamp(limit, 1, MaxResults) * 2).ToList();
        var items = await documents.BatchGetAsync(DocumentTables.Table, ranked.Select(r => DocumentTables.HeadKey(r.Key)).ToList(), ct);
        var byId = items.Where(i => !OwedWorkRunner.IsBeingRemoved(i)).Select(DocumentTables.ToDocument).Where(d => d.ProjectId == projectId).ToDictionary(d => d.Id);
        var hits = new List<DocumentSearchHit>();
        foreach (var (id, score) in ranked)
        {
            if (!byId.TryGetValue(id, out var document) || Hit(document, score, terms) is not { } hit) continue;
            hits.Add(hit);
            if (hits.Count == Math.Clamp(limit, 1, MaxResults)) break;
        }
        return hits;
    }

    /// <summary>The hit with its snippet, or null when the page as stored now does not have every term.</summary>
    private static DocumentSearchHit? Hit(Document document, double score, IReadOnlyList<(string Term, bool Prefix)> terms)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(MarkdownRenderer.PlainText(document.Content), "\\s+", " ").Trim();
        var titleTokens = SearchTerms.Tokens(document.Title).ToList();
        var textTokens = SearchTerms.Tokens(plain).ToList();
        bool Matches(SearchTerms.Token token) => terms.Any(t => t.Prefix ? token.Term.StartsWith(t.Term, StringComparison.Ordinal) : token.Term == t.Term);
        bool Has((string Term, bool Prefix) t, List<SearchTerms.Token> tokens) =>
            tokens.Any(k => t.Prefix ? k.Term.StartsWith(t.Term, StringComparison.Ordinal) : k.Term == t.Term);
        if (!terms.All(t => Has(t, titleTokens) || Has(t, textTokens))) return null;
        var first = textTokens.FirstOrDefault(Matches);
        var start = first.Term is null ? 0 : Math.Max(0, first.Start - SnippetLength / 3);
        // Start and end at word boundaries, so the snippet never opens or closes mid-word.
        if (start > 0) start = plain.IndexOf(' ', start) is var space and >= 0 && space < first.Start ? space + 1 : start;
        var end = Math.Min(plain.Length, start + SnippetLength);
        if (end < plain.Length && plain.LastIndexOf(' ', end) is var cut && cut > start + SnippetLength / 2) end = cut;
        var snippet = (start > 0 ? "…" : "") + plain[start..end] + (end < plain.Length ? "…" : "");
        var shift = start > 0 ? 1 - start : 0;
        var highlights = textTokens.Where(t => t.Start >= start && t.Start + t.Length <= end && Matches(t)).Select(t => new TextRange(t.Start + shift, t.Length)).ToList();
        var titleHighlights = titleTokens.Where(Matches).Select(t => new TextRange(t.Start, t.Length)).ToList();
        return new DocumentSearchHit(document.Id, document.Title, document.Kind, Math.Round(score, 3), snippet, highlights, titleHighlights);
    }
}
