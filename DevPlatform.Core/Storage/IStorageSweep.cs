namespace DevPlatform.Core.Storage;

/// <summary>
/// Housekeeping an adapter does on the repair pass's timer, for leftovers that no owed work describes: the embedded
/// blob store's temporary files of uploads whose process died mid-way.
/// </summary>
public interface IStorageSweep
{
    Task SweepAsync(CancellationToken ct);
}
