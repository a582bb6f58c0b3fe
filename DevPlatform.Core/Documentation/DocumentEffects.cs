using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Core.Documentation;

/// <summary>Brings the search index of a document in line with the document as it is now (or removes it when it is gone).</summary>
public sealed record IndexDocument(string DocumentId, string ProjectId) : OwedEffect;

/// <summary>Deletes every item left under a deleted document's partition: versions, attachment records, used file names.</summary>
public sealed record PurgeDocument(string DocumentId) : OwedEffect;

/// <summary>Gives a deleted attachment's file name back, once its object is gone, unless a newer file holds it.</summary>
public sealed record ReleaseFileName(string DocumentId, string FileName, string AttachmentId) : OwedEffect;

/// <summary>Runs the documentation's owed effects; both are idempotent and read the state they act on when they run.</summary>
public sealed class DocumentEffects(IDocumentStore documents, DocumentIndex index) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is IndexDocument or PurgeDocument or ReleaseFileName;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case IndexDocument reindex:
                await index.ReindexAsync(reindex.DocumentId, reindex.ProjectId, ct);
                break;
            case PurgeDocument purge:
                await PurgeAsync(purge.DocumentId, ct);
                break;
            case ReleaseFileName release:
                await ReleaseAsync(release, ct);
                break;
        }
    }

    private async Task ReleaseAsync(ReleaseFileName release, CancellationToken ct)
    {
        var key = DocumentTables.FileNameKey(release.DocumentId, release.FileName);
        var claim = await documents.GetAsync(DocumentTables.Table, key, ct);
        if (claim is null || DocumentJson.Deserialize<AttachmentService.NameClaim>(claim.Body).AttachmentId != release.AttachmentId) return;
        try
        {
            await documents.DeleteAsync(DocumentTables.Table, key, WriteCondition.IfVersion(claim.Version), ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // Claimed again in between: that claim is someone else's.
        }
    }

    private async Task PurgeAsync(string documentId, CancellationToken ct)
    {
        var head = DocumentTables.HeadKey(documentId);
        while (true)
        {
            // Deleting as it goes, so each round asks for the first page again rather than following a token past deleted items.
            var page = await documents.QueryAsync(DocumentTables.Table, new DocumentQuery(DocumentTables.Partition(documentId)) { Limit = 100 }, ct);
            var rest = page.Items.Where(i => i.Key != head).ToList();
            foreach (var item in rest) await documents.DeleteAsync(DocumentTables.Table, item.Key, WriteCondition.None, ct);
            if (page.ContinuationToken is null || rest.Count == 0) return;
        }
    }
}

/// <summary>
/// What a project's delete owes the Documentation area: every attachment file under documentation/{projectId}/.
/// The page, version and search items stay behind unreachable (every read checks the project first); removing them is
/// left to a later change.
/// </summary>
public sealed class DocumentationProjectCleanUp : IProjectDeletionEffects
{
    public IEnumerable<OwedEffect> For(Project project) => [new DeleteBlobsUnder($"documentation/{project.Id}/")];
}
