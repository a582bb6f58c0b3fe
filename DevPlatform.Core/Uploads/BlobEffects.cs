using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Uploads;

/// <summary>Deletes an object a record no longer points at (the diagram a replace or delete left behind).</summary>
public sealed record DeleteBlob(string Key) : OwedEffect;

/// <summary>Deletes every object under a prefix (the attachments of a deleted document, say).</summary>
public sealed record DeleteBlobsUnder(string Prefix) : OwedEffect;

/// <summary>
/// Deletes an object unless its owner's record points at it or an upload to its key is in flight. Owed by an upload
/// claim (with that upload's id, which does not count as in flight): once the longest upload is over, the upload died
/// between storing the object and writing the record. Owed by a replace or delete for the object left behind.
/// </summary>
public sealed record DiscardUpload(string Key, string OwnerKind, string OwnerId, string? UploadId = null) : OwedEffect;

/// <summary>Runs the blob clean-up effects; each is idempotent (deleting what is gone is a no-op).</summary>
public sealed class BlobEffects(IBlobStore blobs, IServiceProvider services, ILogger<BlobEffects> logger) : IOwedEffectHandler
{
    // Resolved on first use: the areas that answer for references upload through BlobUploader, which needs this class.
    private IReadOnlyList<IBlobReferences>? _references;
    private UploadClaims? _claims;

    public bool Handles(OwedEffect effect) => effect is DeleteBlob or DeleteBlobsUnder or DiscardUpload;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case DeleteBlob delete:
                await blobs.DeleteAsync(delete.Key, ct);
                break;
            case DeleteBlobsUnder under:
                await blobs.DeleteByPrefixAsync(under.Prefix, ct);
                break;
            case DiscardUpload discard:
                await DeleteUnlessReferencedAsync(discard.Key, new UploadOwner(discard.OwnerKind, discard.OwnerId), discard.UploadId, ct);
                break;
        }
    }

    /// <summary>
    /// Deletes the object unless the owner's record points at it (a replace that kept the key) or another upload to the
    /// key is in flight (it cleans up after itself, or its claim does).
    /// </summary>
    /// <param name="uploadId">The upload whose clean-up this is: its own claim does not keep the object.</param>
    public async Task DeleteUnlessReferencedAsync(string key, UploadOwner owner, string? uploadId, CancellationToken ct)
    {
        _claims ??= services.GetRequiredService<UploadClaims>();
        if (await _claims.IsInFlightAsync(key, uploadId, ct)) return;
        _references ??= services.GetServices<IBlobReferences>().ToList();
        var area = _references.FirstOrDefault(r => r.Kind == owner.Kind)
            ?? throw new InvalidOperationException($"No IBlobReferences is registered for uploads owned by '{owner.Kind}'.");
        if (await area.IsReferencedAsync(owner.Id, key, ct)) return;
        logger.LogInformation("Deleting {Key}: no {Kind} {Id} refers to it", key, owner.Kind, owner.Id);
        await blobs.DeleteAsync(key, ct);
    }
}
