using System.Buffers;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Uploads;

/// <summary>
/// Every upload path (base64 JSON, raw streaming body, the browser's InputFile) goes through here, so every one checks
/// content the same way and none leaves an orphan: the file's first bytes decide its type, the object is streamed to
/// the Blobs port (which stores nothing when the stream fails), and only then is the record written. A claim item
/// written first owes the object's deletion unless a record points at it, so a crash between the two writes is
/// cleaned up by the repair pass once <see cref="UploadOptions.ClaimLifetime"/> has passed.
/// </summary>
public sealed class BlobUploader(IBlobStore blobs, IDocumentStore documents, OwedWorkRunner owedWork, BlobEffects effects,
    IOptions<UploadOptions> options, TimeProvider time, ILogger<BlobUploader> logger)
{
    public const string ClaimsTable = "upload-claims";
    public static readonly TableDefinition ClaimsTableDefinition = new(ClaimsTable, OwedWorkRunner.Index);

    /// <param name="keyFor">The object's key for the content type recognised from the bytes ("diagram.png" or "diagram.svg").</param>
    /// <param name="commit">Writes the record that points at the stored object; if it throws, the object is deleted unless referenced.</param>
    /// <exception cref="ValidationFailedException">Empty, of a type the policy refuses, or not what the declared type says.</exception>
    /// <exception cref="PayloadTooLargeException">Longer than the policy allows; nothing was stored.</exception>
    public async Task<T> UploadAsync<T>(UploadSource source, UploadPolicy policy, UploadOwner owner,
        Func<string, string> keyFor, Func<StoredBlob, Task<T>> commit, CancellationToken ct)
    {
        var head = ArrayPool<byte>.Shared.Rent(FileTypes.HeadLength);
        try
        {
            var headLength = await source.Content.ReadAtLeastAsync(head.AsMemory(0, FileTypes.HeadLength), FileTypes.HeadLength, throwOnEndOfStream: false, ct);
            var contentType = UploadChecks.ContentType(policy, source.DeclaredContentType, head.AsSpan(0, headLength));
            var key = BlobKey.Validate(keyFor(contentType));
            var claim = await ClaimAsync(key, owner, ct);
            StoredBlob stored;
            try
            {
                var content = new UploadContentStream(head.AsMemory(0, headLength), source.Content, policy.MaxBytes, policy.What);
                var info = await blobs.PutAsync(key, content, contentType, ct);
                stored = new StoredBlob(key, info.Length, contentType);
            }
            catch
            {
                await ReleaseAsync(claim);
                throw;
            }
            try
            {
                var result = await commit(stored);
                await ReleaseAsync(claim);
                return result;
            }
            catch
            {
                await CleanUpAsync(stored.Key, owner, claim);
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private async Task<DocumentKey> ClaimAsync(string key, UploadOwner owner, CancellationToken ct)
    {
        var claimKey = new DocumentKey($"UPLOAD#{Ids.New("upl")}", "CLAIM");
        var item = owedWork.Owing(new DocumentItem(claimKey, DocumentJson.Serialize(new UploadClaim(key, owner.Kind, owner.Id, time.GetUtcNow())), 1), null,
            [new DiscardUpload(key, owner.Kind, owner.Id)], removesItem: true, notBefore: time.GetUtcNow() + options.Value.ClaimLifetime);
        await documents.PutAsync(ClaimsTable, item, WriteCondition.IfAbsent, ct);
        return claimKey;
    }

    /// <summary>
    /// Not cancellable: the upload is over, and a claim left behind only costs the repair pass a reference check later.
    /// A failure is logged, not thrown, for the same reason.
    /// </summary>
    private async Task ReleaseAsync(DocumentKey claim)
    {
        try
        {
            await documents.DeleteAsync(ClaimsTable, claim, WriteCondition.None, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Upload claim {Claim} stays until the repair pass clears it", claim.PartitionKey);
        }
    }

    private async Task CleanUpAsync(string key, UploadOwner owner, DocumentKey claim)
    {
        try
        {
            await effects.DeleteUnlessReferencedAsync(key, owner, CancellationToken.None);
            await ReleaseAsync(claim);
        }
        catch (Exception e)
        {
            // The claim stays, owing the same clean-up: the repair pass retries it. The caller sees why the record was not written.
            logger.LogError(e, "Cleaning up {Key} after a failed upload failed; the repair pass retries", key);
        }
    }

    private sealed record UploadClaim(string Key, string OwnerKind, string OwnerId, DateTimeOffset StartedAt);
}
