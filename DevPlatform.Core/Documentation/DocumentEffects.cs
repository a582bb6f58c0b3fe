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

/// <summary>Deletes every document of a deleted project: pages and folders, their versions, attachment records and search entries.</summary>
public sealed record DeleteDocumentationOfProject(string ProjectId) : OwedEffect;

/// <summary>Runs the documentation's owed effects; each is idempotent and reads the state it acts on when it runs.</summary>
public sealed class DocumentEffects(IDocumentStore documents, DocumentIndex index) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is IndexDocument or PurgeDocument or ReleaseFileName or DeleteDocumentationOfProject;

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
            case DeleteDocumentationOfProject project:
                await DeleteProjectAsync(project.ProjectId, ct);
                break;
        }
    }

    private async Task DeleteProjectAsync(string projectId, CancellationToken ct)
    {
        // Paged with the token, not "first page again": the project index lags, so deleted heads may still be listed.
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(DocumentTables.Table, new DocumentQuery($"PROJECT#{projectId}")
            {
                IndexName = DocumentTables.ByProject, Limit = 100, ContinuationToken = token,
            }, ct);
            foreach (var head in page.Items)
            {
                var documentId = head.Key.PartitionKey["DOC#".Length..];
                await PurgeAsync(documentId, ct);
                await documents.DeleteAsync(DocumentTables.Table, head.Key, WriteCondition.None, ct);
                // With the head gone, reindexing removes every search entry the page had.
                await index.ReindexAsync(documentId, projectId, ct);
            }
            token = page.ContinuationToken;
        } while (token is not null);
    }

    private async Task ReleaseAsync(ReleaseFileName release, CancellationToken ct)
    {
        var key = DocumentTables.FileNameKey(release.DocumentId, release.FileName);
        var claim = await documents.GetAsync(DocumentTables.Table, key, ct);
        if (claim is null || DocumentJson.Deserialize<AttachmentService.NameClaim>(claim.Body).AttachmentId != release.AttachmentId) return;
        // Owed by the claim itself in case its upload died: if the file was recorded after all, the name stays its.
        var attachment = await documents.GetAsync(DocumentTables.Table, DocumentTables.AttachmentKey(release.DocumentId, release.AttachmentId), ct);
        if (attachment is not null && !OwedWorkRunner.IsBeingRemoved(attachment)) return;
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

/// <summary>What a project's delete owes the Documentation area: its documents and every attachment file under documentation/{projectId}/.</summary>
public sealed class DocumentationProjectCleanUp : IProjectDeletionEffects
{
    public IEnumerable<OwedEffect> For(Project project) =>
        [new DeleteDocumentationOfProject(project.Id), new DeleteBlobsUnder($"documentation/{project.Id}/")];
}
