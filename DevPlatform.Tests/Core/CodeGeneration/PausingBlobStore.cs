using DevPlatform.Core.Storage.Blobs;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>The blob port, counting puts, and able to hang the next put until it is cancelled (a worker dying mid-upload).</summary>
public sealed class PausingBlobStore(IBlobStore inner) : IBlobStore
{
    private int _puts;

    public int Puts => _puts;

    /// <summary>When set, the next put waits until its token is cancelled.</summary>
    public bool HangNextPut { get; set; }

    public Task EnsureContainerAsync(CancellationToken ct = default) => inner.EnsureContainerAsync(ct);

    public async Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        if (HangNextPut)
        {
            HangNextPut = false;
            await Task.Delay(Timeout.Infinite, ct);
        }
        Interlocked.Increment(ref _puts);
        return await inner.PutAsync(key, content, contentType, ct);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default) => inner.OpenReadAsync(key, ct);
    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct = default) => inner.GetInfoAsync(key, ct);
    public Task DeleteAsync(string key, CancellationToken ct = default) => inner.DeleteAsync(key, ct);
    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken ct = default) => inner.DeleteByPrefixAsync(prefix, ct);
    public Task<Uri> GetDownloadUrlAsync(string key, TimeSpan lifetime, CancellationToken ct = default) => inner.GetDownloadUrlAsync(key, lifetime, ct);
}
