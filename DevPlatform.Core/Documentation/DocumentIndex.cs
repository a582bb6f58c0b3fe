using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;
using static DevPlatform.Core.Documentation.DocumentTables;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// The inverted index behind documentation search, in the "doc-terms" table (docs/data-model.md): one entry per term and
/// page, pk TERM#{projectId}#{first two letters}, sk {term}#{documentId}, so a term — or a prefix of one — is a Query on a
/// key. Beside it, per page, the list of terms that may have entries (pk DOCTERMS#{documentId}), which is how stale entries
/// are found without a Scan.
/// </summary>
public sealed class DocumentIndex(IDocumentStore documents)
{
    private const int MaxAttempts = 8;
    private const int WriteParallelism = 8;

    /// <summary>
    /// Makes the page's entries match the page as stored now: puts its terms, deletes the ones it no longer has. The
    /// terms list is widened (compare-and-swap) before any entry is written and narrowed only after the page is seen
    /// unchanged, so whatever happens in between — a crash, a second run for a newer save — no entry is left that the
    /// list does not name, and a later run removes it. Idempotent: owed work may run it more than once.
    /// </summary>
    public async Task ReindexAsync(string documentId, string projectId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var head = await documents.GetAsync(Table, HeadKey(documentId), ct);
            var document = head is null || OwedWorkRunner.IsBeingRemoved(head) ? null : ToDocument(head);
            var desired = document is { Kind: DocumentKind.Page } ? SearchTerms.Count(document.Title, document.Content) : [];
            var listed = await documents.GetAsync(TermsTable, TermsKey(documentId), ct);
            var previous = listed is null ? [] : DocumentJson.Deserialize<TermList>(listed.Body).Terms.ToHashSet();
            var widened = listed;
            if (!desired.Keys.All(previous.Contains))
            {
                widened = await SwapListAsync(listed, projectId, documentId, [.. previous, .. desired.Keys.Where(t => !previous.Contains(t))], ct);
                if (widened is null) continue;
            }
            await Parallel.ForEachAsync(desired, new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = ct }, async (term, token) =>
                await documents.PutAsync(TermsTable, new DocumentItem(EntryKey(projectId, term.Key, documentId),
                    DocumentJson.Serialize(new TermEntry(documentId, term.Value.Title, term.Value.Body)), 1), WriteCondition.None, token));
            await Parallel.ForEachAsync(previous.Where(t => !desired.ContainsKey(t)), new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = ct },
                async (term, token) => await documents.DeleteAsync(TermsTable, EntryKey(projectId, term, documentId), WriteCondition.None, token));
            var after = await documents.GetAsync(Table, HeadKey(documentId), ct);
            if (after?.Version != head?.Version) continue;
            if (widened is null) return;
            if (await SwapListAsync(widened, projectId, documentId, [.. desired.Keys], ct) is not null) return;
        }
        throw new InvalidOperationException($"The search index of {documentId} kept changing under {MaxAttempts} attempts; the repair pass will try again.");
    }

    /// <summary>The entries of pages that have <paramref name="term"/> (or, as a prefix, any term starting with it), by page id.</summary>
    internal async Task<Dictionary<string, (int Title, int Body)>> MatchesAsync(string projectId, string term, bool prefix, int limit, CancellationToken ct)
    {
        var matches = new Dictionary<string, (int Title, int Body)>();
        string? token = null;
        var read = 0;
        do
        {
            var page = await documents.QueryAsync(TermsTable, new DocumentQuery(Partition(projectId, term))
            {
                SortKey = SortKeyCondition.BeginsWith(prefix ? term : term + "#"), Limit = 200, ContinuationToken = token,
            }, ct);
            foreach (var entry in page.Items.Select(i => DocumentJson.Deserialize<TermEntry>(i.Body)))
            {
                var sum = matches.GetValueOrDefault(entry.DocumentId);
                matches[entry.DocumentId] = (sum.Title + entry.Title, sum.Body + entry.Body);
            }
            read += page.Items.Count;
            token = page.ContinuationToken;
        } while (token is not null && read < limit);
        return matches;
    }

    /// <summary>Writes the terms list (deleting it when empty) if nobody changed it since <paramref name="current"/> was read.</summary>
    private async Task<DocumentItem?> SwapListAsync(DocumentItem? current, string projectId, string documentId, IReadOnlyList<string> terms, CancellationToken ct)
    {
        try
        {
            if (terms.Count == 0)
            {
                if (current is not null) await documents.DeleteAsync(TermsTable, current.Key, WriteCondition.IfVersion(current.Version), ct);
                return current ?? new DocumentItem(TermsKey(documentId), "", 0);
            }
            var next = new DocumentItem(TermsKey(documentId), DocumentJson.Serialize(new TermList(projectId, terms)), (current?.Version ?? 0) + 1);
            await documents.PutAsync(TermsTable, next, current is null ? WriteCondition.IfAbsent : WriteCondition.IfVersion(current.Version), ct);
            return next;
        }
        catch (ConditionalWriteFailedException)
        {
            return null;
        }
    }

    private static DocumentKey TermsKey(string documentId) => new($"DOCTERMS#{documentId}", "TERMS");

    private static DocumentKey EntryKey(string projectId, string term, string documentId) => new(Partition(projectId, term), $"{term}#{documentId}");

    /// <summary>Terms are spread over partitions by their first two letters, so a popular project is not one hot partition.</summary>
    private static string Partition(string projectId, string term) => $"TERM#{projectId}#{string.Concat(term.EnumerateRunes().Take(2))}";

    private sealed record TermList(string ProjectId, IReadOnlyList<string> Terms);

    private sealed record TermEntry(string DocumentId, int Title, int Body);
}
