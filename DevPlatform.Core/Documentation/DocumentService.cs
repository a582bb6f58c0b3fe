using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;
using static DevPlatform.Core.Documentation.DocumentTables;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// A project's documentation: pages and folders in a tree, every save of a page an immutable version. Each change is one
/// conditional write of the page item that owes its activity record and its search-index update (<see cref="OwedWorkRunner"/>);
/// a save first stores its version item under a key of its own, so a save that loses its race leaves nothing the
/// history lists (see <see cref="DocumentHistory"/>).
/// </summary>
public sealed class DocumentService(IDocumentStore documents, ProjectService projects, ActivityLog activity, OwedWorkRunner owedWork, TimeProvider time)
{
    internal const string NotFound = "No such document.";
    private const int MaxRetries = 5;

    /// <summary>The project's pages and folders as a tree; a node whose parent is gone (a race with a delete) shows at the top.</summary>
    public async Task<IReadOnlyList<DocumentTreeNode>> ListTreeAsync(Actor actor, string projectId, CancellationToken ct = default)
    {
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        return DocumentTree.Build(await ListProjectAsync(projectId, ct));
    }

    /// <summary>Every page and folder of the project, by the project index (a Query, paged to the end).</summary>
    internal async Task<IReadOnlyList<Document>> ListProjectAsync(string projectId, CancellationToken ct)
    {
        var all = new List<Document>();
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(Table, new DocumentQuery($"PROJECT#{projectId}") { IndexName = ByProject, Limit = 200, ContinuationToken = token }, ct);
            all.AddRange(page.Items.Where(i => !OwedWorkRunner.IsBeingRemoved(i)).Select(ToDocument));
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    public async Task<Document> GetAsync(Actor actor, string documentId, CancellationToken ct = default) =>
        (await RequireAsync(actor, documentId, TeamPermission.Read, ct)).Document;

    /// <param name="message">Saved with the first version of a page.</param>
    public async Task<Document> CreateAsync(Actor actor, string projectId, DocumentInput input, string? message = null, CancellationToken ct = default)
    {
        var title = DocumentRules.Title(input.Title);
        var content = DocumentRules.Content(input.Content);
        var note = DocumentRules.Message(message);
        if (input.Kind == DocumentKind.Folder && content.Length > 0) throw new ValidationFailedException("content", "A folder has no content; create a page inside it.");
        var project = await projects.RequireAsync(actor, projectId, TeamPermission.Write, ct);
        if (input.ParentId is not null) await RequireFolderAsync(project.Id, input.ParentId, ct);
        var now = time.GetUtcNow();
        var id = Ids.New("doc");
        var document = new Document(id, project.Id, project.TeamId, input.ParentId, input.Kind, title, content, 1, 0, now, actor.UserId, now, actor.UserId);
        if (input.Kind == DocumentKind.Page)
        {
            var version = NewVersion(actor, document, null, note, now);
            await documents.PutAsync(Table, VersionItem(version), WriteCondition.IfAbsent, ct);
            document = document with { Revision = 1, RevisionSaveId = version.SaveId };
        }
        var record = activity.Prepare(actor, project.TeamId, ActivityActions.DocumentCreated, TargetType, id, title, null, Summary(document));
        var item = owedWork.Owing(ToItem(document, 1), null, [new RecordActivity(record), new IndexDocument(id, project.Id)]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
        return document;
    }

    /// <summary>Saves a new title and text: a new version of a page (a folder has only a title).</summary>
    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is stale; nothing was stored.</exception>
    public Task<Document> SaveAsync(Actor actor, string documentId, string? title, string? content, long expectedVersion, string? message = null,
        CancellationToken ct = default)
    {
        var newTitle = DocumentRules.Title(title);
        var newContent = DocumentRules.Content(content);
        var note = DocumentRules.Message(message);
        return ChangeAsync(actor, documentId, expectedVersion, TeamPermission.Write, ActivityActions.DocumentUpdated, ct, current =>
        {
            if (current.Kind == DocumentKind.Folder && newContent.Length > 0) throw new ValidationFailedException("content", "A folder has no content.");
            return ValueTask.FromResult((current with { Title = newTitle, Content = newContent }, note));
        });
    }

    /// <summary>Moves a page or folder under <paramref name="parentId"/> (null: the top level) of the same project.</summary>
    /// <exception cref="ValidationFailedException">The parent is not a folder of the project, or is the thing itself or inside it.</exception>
    public Task<Document> MoveAsync(Actor actor, string documentId, string? parentId, long expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(actor, documentId, expectedVersion, TeamPermission.Write, ActivityActions.DocumentMoved, ct, async current =>
        {
            if (parentId is not null)
            {
                await RequireFolderAsync(current.ProjectId, parentId, ct);
                var tree = await ListProjectAsync(current.ProjectId, ct);
                if (DocumentTree.IsSelfOrDescendant(tree, ancestorId: current.Id, nodeId: parentId))
                    throw new ValidationFailedException("parentId", "A folder cannot be moved into itself or one of its subfolders.");
            }
            return (current with { ParentId = parentId }, (string?)null);
        });

    /// <summary>
    /// Deletes a page (its versions, attachments and their files, and its index entries go with it) or an empty folder.
    /// A folder with anything in it is refused: deleting a whole subtree by accident is worse than emptying it first.
    /// </summary>
    /// <exception cref="ConflictException">The folder is not empty, or <paramref name="expectedVersion"/> is stale.</exception>
    public async Task DeleteAsync(Actor actor, string documentId, long? expectedVersion, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (item, current) = await RequireAsync(actor, documentId, TeamPermission.Delete, ct);
            if (expectedVersion is { } expected && current.Version != expected) throw StaleVersion(current);
            if (current.Kind == DocumentKind.Folder && await HasChildrenAsync(current, ct))
                throw new ConflictException("The folder is not empty: move or delete its pages and folders first.");
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.DocumentDeleted, TargetType, documentId, current.Title, Summary(current), null);
            // The tombstone is out of the tree at once; its index entries, files and other items go before it is removed.
            var tombstone = owedWork.Owing(item with { Version = item.Version + 1 }, item,
                [new RecordActivity(record), new IndexDocument(documentId, current.ProjectId), new DeleteBlobsUnder(BlobPrefix(current.ProjectId, documentId)),
                    new PurgeDocument(documentId)], removesItem: true);
            if (await TrySwapAsync(item, tombstone, attempt, ct))
            {
                await owedWork.CompleteAsync(Table, tombstone);
                return;
            }
        }
    }

    /// <summary>
    /// One change of a document: <paramref name="change"/> gives the new state (and a version message); a change of a
    /// page's title or text stores a new version first.
    /// </summary>
    internal async Task<Document> ChangeAsync(Actor actor, string documentId, long expectedVersion, TeamPermission permission, string action,
        CancellationToken ct, Func<Document, ValueTask<(Document Next, string? Message)>> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (item, current) = await RequireAsync(actor, documentId, permission, ct);
            if (current.Version != expectedVersion) throw StaleVersion(current);
            var (next, message) = await change(current);
            var now = time.GetUtcNow();
            next = next with { Version = current.Version + 1, UpdatedAt = now, UpdatedBy = actor.UserId };
            DocumentVersion? version = null;
            if (next.Kind == DocumentKind.Page && (next.Title != current.Title || next.Content != current.Content || message is not null))
            {
                version = NewVersion(actor, next with { Revision = current.Revision + 1 }, current.RevisionSaveId, message, now);
                await documents.PutAsync(Table, VersionItem(version), WriteCondition.IfAbsent, ct);
                next = next with { Revision = version.Number, RevisionSaveId = version.SaveId };
            }
            var record = activity.Prepare(actor, current.TeamId, action, TargetType, documentId, next.Title, Summary(current), Summary(next));
            OwedEffect[] effects = version is null ? [new RecordActivity(record)] : [new RecordActivity(record), new IndexDocument(documentId, current.ProjectId)];
            var written = owedWork.Owing(ToItem(next, item.Version + 1), item, effects);
            if (await TrySwapAsync(item, written, attempt, ct, version))
            {
                await owedWork.CompleteAsync(Table, written);
                return next;
            }
        }
    }

    /// <summary>Loads the document and checks the caller's permission in its project (which must still exist).</summary>
    internal async Task<(DocumentItem Item, Document Document)> RequireAsync(Actor actor, string documentId, TeamPermission permission, CancellationToken ct)
    {
        var item = await LoadAsync(documentId, ct);
        var document = ToDocument(item);
        await projects.RequireForItemAsync(actor, document.ProjectId, null, permission, NotFound, ct);
        return (item, document);
    }

    internal async Task<DocumentItem> LoadAsync(string documentId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("doc", documentId)) throw new NotFoundException(NotFound);
        var item = await documents.GetAsync(Table, HeadKey(documentId), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? throw new NotFoundException(NotFound) : item;
    }

    private async Task RequireFolderAsync(string projectId, string parentId, CancellationToken ct)
    {
        var parent = Ids.IsWellFormed("doc", parentId) ? await documents.GetAsync(Table, HeadKey(parentId), ct) : null;
        if (parent is null || OwedWorkRunner.IsBeingRemoved(parent) || ToDocument(parent) is not { Kind: DocumentKind.Folder } folder || folder.ProjectId != projectId)
            throw new ValidationFailedException("parentId", "parentId must be a folder of the same project.");
    }

    private async Task<bool> HasChildrenAsync(Document folder, CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(Table, new DocumentQuery(ParentPartition(folder.ProjectId, folder.Id)) { IndexName = ByParent, Limit = 25, ContinuationToken = token }, ct);
            if (page.Items.Any(i => !OwedWorkRunner.IsBeingRemoved(i))) return true;
            token = page.ContinuationToken;
        } while (token is not null);
        return false;
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the item is still at the revision read. A miss because only owed work was
    /// cleared is retried; a changed document is a conflict, and the version item this attempt stored is taken back.
    /// </summary>
    private async Task<bool> TrySwapAsync(DocumentItem read, DocumentItem next, int attempt, CancellationToken ct, DocumentVersion? version = null)
    {
        try
        {
            await documents.PutAsync(Table, next, WriteCondition.IfVersion(read.Version), ct);
            return true;
        }
        catch (ConditionalWriteFailedException)
        {
            if (version is not null) await ForgetVersionAsync(version);
            var now = await documents.GetAsync(Table, read.Key, ct);
            if (now is null || OwedWorkRunner.IsBeingRemoved(now)) throw new NotFoundException(NotFound);
            var current = ToDocument(now);
            if (current.Version != ToDocument(read).Version || attempt >= MaxRetries) throw StaleVersion(current);
            return false;
        }
    }

    /// <summary>Best effort: a version item left behind is off the history's chain, so it is never listed either way.</summary>
    private async Task ForgetVersionAsync(DocumentVersion version)
    {
        try
        {
            await documents.DeleteAsync(Table, VersionKey(version.DocumentId, version.Number, version.SaveId), WriteCondition.None, CancellationToken.None);
        }
        catch (Exception)
        {
            // Unlisted either way (see DocumentHistory); the document's delete purges it.
        }
    }

    private static DocumentVersion NewVersion(Actor actor, Document document, string? previousSaveId, string? message, DateTimeOffset at) =>
        new(document.Id, Math.Max(document.Revision, 1), Ids.New("sav"), previousSaveId, document.Title, document.Content, actor.UserId, actor.DisplayName, at, message);

    internal static DocumentItem VersionItem(DocumentVersion version) =>
        new(VersionKey(version.DocumentId, version.Number, version.SaveId), DocumentJson.Serialize(version), 1);

    internal static ConflictException StaleVersion(Document current) =>
        new($"The document was changed by someone else (now at version {current.Version}). Reload it and try again.");

    private static string Summary(Document document) =>
        DocumentJson.Serialize(new { document.Title, document.Kind, document.ParentId, document.Revision, Length = document.Content.Length });
}
