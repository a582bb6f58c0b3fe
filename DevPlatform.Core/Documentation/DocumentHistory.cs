using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using static DevPlatform.Core.Documentation.DocumentTables;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// The saved versions of a page. The history is the chain from the page's current version back through each version's
/// predecessor: a version item of a save that lost its race (or died before the page was written) is on no chain, so it
/// is never listed or restored.
/// </summary>
public sealed class DocumentHistory(IDocumentStore documents, DocumentService service)
{
    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<DocumentVersionSummary>> ListAsync(Actor actor, string documentId, CancellationToken ct = default)
    {
        var (_, document) = await service.RequireAsync(actor, documentId, TeamPermission.Read, ct);
        return (await ChainAsync(document, ct)).Select(v => new DocumentVersionSummary(v.Number, v.Title, v.AuthorId, v.AuthorName, v.At, v.Message, v.Content.Length)).ToList();
    }

    /// <exception cref="NotFoundException">No such document or version.</exception>
    public async Task<DocumentVersion> GetAsync(Actor actor, string documentId, long number, CancellationToken ct = default)
    {
        var (_, document) = await service.RequireAsync(actor, documentId, TeamPermission.Read, ct);
        return await VersionAsync(document, number, ct);
    }

    /// <summary>Saves version <paramref name="number"/>'s title and text as a new version; the history keeps everything in between.</summary>
    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is stale; nothing was stored.</exception>
    public Task<Document> RestoreAsync(Actor actor, string documentId, long number, long expectedVersion, CancellationToken ct = default) =>
        service.ChangeAsync(actor, documentId, expectedVersion, TeamPermission.Write, ActivityActions.DocumentRestored, ct, async current =>
        {
            var old = await VersionAsync(current, number, ct);
            return (current with { Title = old.Title, Content = old.Content }, $"Restored version {number}");
        });

    private async Task<DocumentVersion> VersionAsync(Document document, long number, CancellationToken ct)
    {
        if (number < 1 || number > document.Revision) throw new NotFoundException("No such version.");
        return (await ChainAsync(document, ct)).FirstOrDefault(v => v.Number == number) ?? throw new NotFoundException("No such version.");
    }

    private async Task<IReadOnlyList<DocumentVersion>> ChainAsync(Document document, CancellationToken ct)
    {
        if (document.RevisionSaveId is null) return [];
        var bySaveId = new Dictionary<string, DocumentVersion>();
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(Table, new DocumentQuery(Partition(document.Id))
            {
                SortKey = SortKeyCondition.BeginsWith(VersionsPrefix), Descending = true, Limit = 100, ContinuationToken = token,
            }, ct);
            foreach (var item in page.Items)
            {
                var version = DocumentJson.Deserialize<DocumentVersion>(item.Body);
                bySaveId[version.SaveId] = version;
            }
            token = page.ContinuationToken;
        } while (token is not null);
        var chain = new List<DocumentVersion>();
        for (var id = document.RevisionSaveId; id is not null && bySaveId.Remove(id, out var version); id = version.PreviousSaveId) chain.Add(version);
        return chain;
    }
}
