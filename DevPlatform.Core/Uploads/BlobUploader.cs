using System.Buffers;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Uploads;

/// <summary>
/// Every upload path (base64 JSON, raw streaming body, the browser's upload control) goes through here, so every one
/// checks content the same way and none leaves an orphan: the file's first bytes decide its type, the object is streamed
/// to the Blobs port (which stores nothing when the stream fails), and only then is the record written. The key's
/// <see cref="UploadClaims">claim</see>, taken first, owes the object's deletion unless a record points at it, so a crash
/// between the two writes is cleaned up by the repair pass once <see cref="UploadOptions.ClaimLifetime"/> has passed.
/// </summary>
public sealed class BlobUploader(IBlobStore blobs, UploadClaims claims, BlobEffects effects, ILogger<BlobUploader> logger)
{
    /// <param name="keyFor">The object's key for the content type recognised from the bytes ("diagram.png" or "diagram.svg").</param>
    /// <param name="commit">Writes the record that points at the stored object; if it throws, the object is deleted unless referenced.</param>
    /// <exception cref="ValidationFailedException">Empty, of a type the policy refuses, or not what the declared type says.</exception>
    /// <exception cref="PayloadTooLargeException">Longer than the policy allows; nothing was stored.</exception>
    /// <exception cref="ConflictException">Another upload to the same key is in flight; nothing was stored.</exception>
    public async Task<T> UploadAsync<T>(UploadSource source, UploadPolicy policy, UploadOwner owner,
        Func<string, string> keyFor, Func<StoredBlob, Task<T>> commit, CancellationToken ct)
    {
        var head = ArrayPool<byte>.Shared.Rent(FileTypes.HeadLength);
        try
        {
            var headLength = await source.Content.ReadAtLeastAsync(head.AsMemory(0, FileTypes.HeadLength), FileTypes.HeadLength, throwOnEndOfStream: false, ct);
            var contentType = UploadChecks.ContentType(policy, source.DeclaredContentType, head.AsSpan(0, headLength));
            var key = BlobKey.Validate(keyFor(contentType));
            await using var claim = await claims.TakeAsync(key, owner, ct);
            StoredBlob stored;
            try
            {
                var content = new UploadContentStream(head.AsMemory(0, headLength), source.Content, policy.MaxBytes, policy.What);
                var info = await blobs.PutAsync(key, content, contentType, ct);
                stored = new StoredBlob(key, info.Length, contentType);
            }
            catch
            {
                await claim.ReleaseAsync();
                throw;
            }
            try
            {
                var result = await commit(stored);
                await claim.ReleaseAsync();
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

    private async Task CleanUpAsync(string key, UploadOwner owner, UploadClaims.Held claim)
    {
        try
        {
            await effects.DeleteUnlessReferencedAsync(key, owner, claim.UploadId, CancellationToken.None);
            await claim.ReleaseAsync();
        }
        catch (Exception e)
        {
            // The claim stays, owing the same clean-up: the repair pass retries it. The caller sees why the record was not written.
            logger.LogError(e, "Cleaning up {Key} after a failed upload failed; the repair pass retries", key);
        }
    }
}
