using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Uploads;

/// <summary>
/// One claim per object key, held while an upload to that key is in flight: it makes uploads to one key take turns (two
/// at once could leave a record describing the other's bytes), tells the clean-up of a replaced object not to delete
/// a key someone is uploading to right now, and owes the object's deletion if its upload dies before the record is
/// written. The uploader renews it while the bytes arrive, so a claim left by a process that died is taken over once
/// it has not been renewed for <see cref="UploadOptions.ClaimTakeover"/>, not only after the whole claim lifetime.
/// </summary>
public sealed class UploadClaims(IDocumentStore documents, OwedWorkRunner owedWork, IOptions<UploadOptions> options, TimeProvider time,
    ILogger<UploadClaims> logger)
{
    public const string Table = "upload-claims";
    public static readonly TableDefinition Definition = new(Table, OwedWorkRunner.Index);

    public static DocumentKey KeyFor(string blobKey) => new($"UPLOAD#{blobKey}", "CLAIM");

    /// <exception cref="ConflictException">Another upload to the same key is in flight.</exception>
    public async Task<Held> TakeAsync(string blobKey, UploadOwner owner, CancellationToken ct)
    {
        var uploadId = Ids.New("upl");
        var now = time.GetUtcNow();
        var claim = new UploadClaim(blobKey, owner.Kind, owner.Id, now, uploadId) { RenewedAt = now };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await documents.GetAsync(Table, KeyFor(blobKey), ct);
            if (existing is not null && DocumentJson.Deserialize<UploadClaim>(existing.Body) is var other
                && (other.RenewedAt ?? other.StartedAt) + options.Value.ClaimTakeover > now)
                throw new ConflictException("Another upload to the same place is in progress; try again when it has finished.");
            // Taking over a dead upload's claim keeps the clean-up it owed: its object is discarded unless a record points at it.
            var item = owedWork.Owing(new DocumentItem(KeyFor(blobKey), DocumentJson.Serialize(claim), (existing?.Version ?? 0) + 1), existing,
                [new DiscardUpload(blobKey, owner.Kind, owner.Id, uploadId)], removesItem: true, notBefore: now + options.Value.ClaimLifetime);
            try
            {
                await documents.PutAsync(Table, item, existing is null ? WriteCondition.IfAbsent : WriteCondition.IfVersion(existing.Version), ct);
                return new Held(documents, time, options.Value.ClaimTakeover / 3, logger, item, claim);
            }
            catch (ConditionalWriteFailedException)
            {
                // Someone else claimed or released it in between: look again.
            }
        }
        throw new ConflictException("Another upload to the same place is in progress; try again when it has finished.");
    }

    /// <summary>The upload in flight for <paramref name="blobKey"/>, if any other than <paramref name="exceptUploadId"/>.</summary>
    public async Task<bool> IsInFlightAsync(string blobKey, string? exceptUploadId, CancellationToken ct)
    {
        var item = await documents.GetAsync(Table, KeyFor(blobKey), ct);
        return item is not null && DocumentJson.Deserialize<UploadClaim>(item.Body).UploadId != exceptUploadId;
    }

    /// <summary>A claim this process holds: renewed while the upload runs, released when it is over.</summary>
    public sealed class Held : IAsyncDisposable
    {
        private readonly IDocumentStore _documents;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly UploadClaim _claim;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;
        private DocumentItem _item;

        internal Held(IDocumentStore documents, TimeProvider time, TimeSpan renewEvery, ILogger logger, DocumentItem item, UploadClaim claim)
        {
            (_documents, _time, _logger, _item, _claim) = (documents, time, logger, item, claim);
            _renewing = RenewAsync(renewEvery, _stop.Token);
        }

        public string UploadId => _claim.UploadId;

        private async Task RenewAsync(TimeSpan every, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(every, _time);
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    var renewed = _item with
                    {
                        Body = DocumentJson.Serialize(_claim with { RenewedAt = _time.GetUtcNow() }), Version = _item.Version + 1,
                    };
                    await _documents.PutAsync(Table, renewed, WriteCondition.IfVersion(_item.Version), ct);
                    _item = renewed;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The upload is over.
            }
            catch (Exception e)
            {
                // Taken over (this process looked dead) or the store failed: the upload goes on; at worst another upload
                // to the same key may start before this one ends.
                _logger.LogWarning(e, "Could not renew the upload claim on {Key}", _claim.Key);
            }
        }

        /// <summary>
        /// The upload is over (stored and recorded, or failed and cleaned up): stops renewing and deletes the claim. Not
        /// cancellable, and a failure is logged, not thrown: a claim left behind only costs the repair pass a reference check.
        /// </summary>
        public async Task ReleaseAsync()
        {
            await StopRenewingAsync();
            try
            {
                await _documents.DeleteAsync(Table, _item.Key, WriteCondition.IfVersion(_item.Version), CancellationToken.None);
            }
            catch (ConditionalWriteFailedException)
            {
                // Taken over by another upload, whose claim it now is.
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Upload claim on {Key} stays until the repair pass clears it", _claim.Key);
            }
        }

        /// <summary>Stops renewing and leaves the claim, with the clean-up it owes, to the repair pass.</summary>
        public ValueTask DisposeAsync() => new(StopRenewingAsync());

        private async Task StopRenewingAsync()
        {
            if (_stop.IsCancellationRequested) return;
            await _stop.CancelAsync();
            await _renewing;
        }
    }

    internal sealed record UploadClaim(string Key, string OwnerKind, string OwnerId, DateTimeOffset StartedAt, string UploadId)
    {
        public DateTimeOffset? RenewedAt { get; init; }
    }
}
