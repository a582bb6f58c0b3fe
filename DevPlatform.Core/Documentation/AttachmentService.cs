using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static DevPlatform.Core.Documentation.DocumentTables;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// Files attached to a page (up to 100 MB, any type; a declared type we can recognise must match the bytes), streamed to
/// the Blobs port through <see cref="BlobUploader"/>. Each file name is claimed with a conditional create first, so a
/// second "spec.pdf" becomes "spec (2).pdf" instead of overwriting the first.
/// </summary>
public sealed class AttachmentService(IDocumentStore documents, DocumentService service, BlobUploader uploader, IBlobStore blobs,
    ActivityLog activity, OwedWorkRunner owedWork, IOptions<UploadOptions> options, TimeProvider time, ILogger<AttachmentService> logger) : IBlobReferences
{
    public const string OwnerKind = "attachment";
    public const string TargetType = "attachment";
    private const string NotFound = "No such attachment.";
    private const int MaxSameName = 100;

    public string Kind => OwnerKind;

    /// <exception cref="ValidationFailedException">A bad file name, an empty file, or a declared type that lies.</exception>
    /// <exception cref="PayloadTooLargeException">Over 100 MB; nothing was stored.</exception>
    public async Task<Attachment> UploadAsync(Actor actor, string documentId, string? fileName, UploadSource source, CancellationToken ct = default)
    {
        var safeName = AttachmentNames.Safe(fileName);
        var (_, document) = await service.RequireAsync(actor, documentId, TeamPermission.Write, ct);
        var attachmentId = Ids.New("att");
        var (name, claim) = await ClaimNameAsync(documentId, safeName, attachmentId, ct);
        Attachment attachment;
        try
        {
            attachment = await uploader.UploadAsync(source, UploadPolicy.Attachment, new UploadOwner(OwnerKind, documentId),
                _ => BlobPrefix(document.ProjectId, documentId) + name,
                stored => CommitAsync(actor, document, attachmentId, name, stored, ct), ct);
        }
        catch
        {
            // The uploader has removed the object (or left the repair pass to), so the name is free again.
            await ReleaseNameAsync(claim);
            throw;
        }
        await KeepNameAsync(claim);
        return attachment;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<Attachment>> ListAsync(Actor actor, string documentId, CancellationToken ct = default)
    {
        await service.RequireAsync(actor, documentId, TeamPermission.Read, ct);
        var all = new List<Attachment>();
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(Table, new DocumentQuery(Partition(documentId))
            {
                SortKey = SortKeyCondition.BeginsWith(AttachmentsPrefix), Descending = true, Limit = 200, ContinuationToken = token,
            }, ct);
            all.AddRange(page.Items.Where(i => !OwedWorkRunner.IsBeingRemoved(i)).Select(i => DocumentJson.Deserialize<Attachment>(i.Body)));
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    /// <summary>A time-limited download URL (signed by the embedded store, presigned by S3).</summary>
    public async Task<(Uri Url, TimeSpan Lifetime)> GetUrlAsync(Actor actor, string documentId, string attachmentId, CancellationToken ct = default)
    {
        await service.RequireAsync(actor, documentId, TeamPermission.Read, ct);
        var (_, attachment) = await LoadAsync(documentId, attachmentId, ct);
        var lifetime = options.Value.DownloadUrlLifetime;
        return (await blobs.GetDownloadUrlAsync(attachment.Key, lifetime, ct), lifetime);
    }

    public async Task DeleteAsync(Actor actor, string documentId, string attachmentId, CancellationToken ct = default)
    {
        var (_, document) = await service.RequireAsync(actor, documentId, TeamPermission.Delete, ct);
        for (var attempt = 0; ; attempt++)
        {
            var (item, attachment) = await LoadAsync(documentId, attachmentId, ct);
            var record = activity.Prepare(actor, document.TeamId, ActivityActions.AttachmentDeleted, TargetType, attachmentId, attachment.FileName,
                Summary(document, attachment), null);
            // The object goes only if no record points at its key, and the name is given back only after that: a new file of
            // the same name can never be hit by this delete, however late the repair pass runs it.
            var tombstone = owedWork.Owing(item with { Version = item.Version + 1 }, item,
                [new RecordActivity(record), new DiscardUpload(attachment.Key, OwnerKind, documentId), new ReleaseFileName(documentId, attachment.FileName, attachmentId)],
                removesItem: true);
            try
            {
                await documents.PutAsync(Table, tombstone, WriteCondition.IfVersion(item.Version), ct);
            }
            catch (ConditionalWriteFailedException) when (attempt < 3)
            {
                // The record's own owed work was cleared in between (its revision moved); a second delete finds it gone.
                continue;
            }
            catch (ConditionalWriteFailedException)
            {
                throw new ConflictException("The attachment kept changing while being deleted; try again.");
            }
            await owedWork.CompleteAsync(Table, tombstone);
            return;
        }
    }

    /// <summary>For clean-up after a failed upload or a delete: is a live attachment of the document stored under this key?</summary>
    public async Task<bool> IsReferencedAsync(string ownerId, string blobKey, CancellationToken ct)
    {
        var name = blobKey[(blobKey.LastIndexOf('/') + 1)..];
        var claim = await documents.GetAsync(Table, FileNameKey(ownerId, name), ct);
        if (claim is null) return false;
        var item = await documents.GetAsync(Table, AttachmentKey(ownerId, DocumentJson.Deserialize<NameClaim>(claim.Body).AttachmentId), ct);
        return item is not null && !OwedWorkRunner.IsBeingRemoved(item) && DocumentJson.Deserialize<Attachment>(item.Body).Key == blobKey;
    }

    /// <summary>
    /// Writes the record, then checks the page is still there: a delete of the page that raced this upload either sees the
    /// record (and purges it with the files) or is seen here, and the record and object are taken back.
    /// </summary>
    private async Task<Attachment> CommitAsync(Actor actor, Document document, string attachmentId, string name, StoredBlob stored, CancellationToken ct)
    {
        var attachment = new Attachment(attachmentId, document.Id, document.ProjectId, name, stored.ContentType, stored.Length, time.GetUtcNow(),
            actor.UserId, actor.DisplayName) { Key = stored.Key };
        var record = activity.Prepare(actor, document.TeamId, ActivityActions.AttachmentAdded, TargetType, attachmentId, name, null, Summary(document, attachment));
        var item = owedWork.Owing(new DocumentItem(AttachmentKey(document.Id, attachmentId), DocumentJson.Serialize(attachment), 1), null, [new RecordActivity(record)]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        try
        {
            await service.LoadAsync(document.Id, ct);
        }
        catch (NotFoundException)
        {
            await documents.DeleteAsync(Table, item.Key, WriteCondition.None, CancellationToken.None);
            throw;
        }
        await owedWork.CompleteAsync(Table, item);
        return attachment;
    }

    /// <summary>
    /// Claims the first free "name", "name (2)", … for this file. The claim owes its own release, due once the longest
    /// upload is over, so a process that dies mid-upload does not keep the name taken for ever; the release keeps the
    /// name if the attachment was recorded after all.
    /// </summary>
    private async Task<(string Name, DocumentItem Claim)> ClaimNameAsync(string documentId, string safeName, string attachmentId, CancellationToken ct)
    {
        for (var n = 1; n <= MaxSameName; n++)
        {
            var name = AttachmentNames.Numbered(safeName, n);
            var claim = owedWork.Owing(new DocumentItem(FileNameKey(documentId, name), DocumentJson.Serialize(new NameClaim(attachmentId)), 1), null,
                [new ReleaseFileName(documentId, name, attachmentId)], notBefore: time.GetUtcNow() + options.Value.ClaimLifetime);
            try
            {
                await documents.PutAsync(Table, claim, WriteCondition.IfAbsent, ct);
                return (name, claim);
            }
            catch (ConditionalWriteFailedException)
            {
                // Taken by an earlier file of this name: try the next number.
            }
        }
        throw new ConflictException($"The page already has {MaxSameName} files named like \"{safeName}\"; rename the file.");
    }

    /// <summary>The file is recorded: its name stays taken, and the release the claim owed is dropped.</summary>
    private async Task KeepNameAsync(DocumentItem claim)
    {
        try
        {
            await documents.PutAsync(Table, new DocumentItem(claim.Key, claim.Body, claim.Version + 1), WriteCondition.IfVersion(claim.Version), CancellationToken.None);
        }
        catch (Exception e)
        {
            // Harmless: when the repair pass runs the release, it finds the attachment recorded and keeps the name.
            logger.LogWarning(e, "The name claim {Key} keeps its owed release; the repair pass will keep the name", claim.Key.SortKey);
        }
    }

    private async Task ReleaseNameAsync(DocumentItem claim)
    {
        try
        {
            await documents.DeleteAsync(Table, claim.Key, WriteCondition.None, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The claim's own owed release gives the name back later; until then the next file of that name is numbered.
            logger.LogWarning(e, "The name claim {Key} stays until the repair pass releases it", claim.Key.SortKey);
        }
    }

    private async Task<(DocumentItem Item, Attachment Attachment)> LoadAsync(string documentId, string attachmentId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("att", attachmentId)) throw new NotFoundException(NotFound);
        var item = await documents.GetAsync(Table, AttachmentKey(documentId, attachmentId), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? throw new NotFoundException(NotFound) : (item, DocumentJson.Deserialize<Attachment>(item.Body));
    }

    private static string Summary(Document document, Attachment attachment) =>
        DocumentJson.Serialize(new { Document = document.Title, attachment.FileName, attachment.ContentType, attachment.Length });

    internal sealed record NameClaim(string AttachmentId);
}
