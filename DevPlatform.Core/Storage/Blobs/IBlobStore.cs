namespace DevPlatform.Core.Storage.Blobs;

/// <summary>
/// Binary objects under string keys ("architectures/{projectId}/{id}/diagram.png"). Content is streamed in and out:
/// a whole object is never held in memory, and the input may be non-seekable (Blazor's InputFile stream is).
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container (bucket or folder) when it does not exist.</summary>
    Task EnsureContainerAsync(CancellationToken ct = default);

    /// <summary>Stores the stream's content under the key, replacing any earlier object.</summary>
    Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct = default);

    /// <exception cref="BlobNotFoundException">No object has this key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct = default);

    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes the object if it exists.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes every object whose key starts with the prefix; returns how many were deleted.</summary>
    /// <exception cref="ArgumentException">The prefix is empty or not a valid key (see <see cref="BlobKey.ValidatePrefix"/>).</exception>
    /// <exception cref="BlobsNotDeletedException">The store refused some keys; the others are deleted.</exception>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken ct = default);

    /// <summary>A URL that downloads the object without further authentication until it expires.</summary>
    Task<Uri> GetDownloadUrlAsync(string key, TimeSpan lifetime, CancellationToken ct = default);
}

public sealed record BlobInfo(string Key, long Length, string ContentType);

public sealed class BlobNotFoundException(string key) : Exception($"No blob has the key '{key}'.")
{
    public string Key { get; } = key;
}

/// <summary>Deleting by prefix removed <see cref="Deleted"/> objects but the store refused the keys named.</summary>
public sealed class BlobsNotDeletedException(IReadOnlyList<string> keys, int deleted) : Exception(
    $"{keys.Count} blob(s) could not be deleted ({deleted} were): {string.Join(", ", keys.Take(10))}{(keys.Count > 10 ? ", …" : "")}.")
{
    public IReadOnlyList<string> Keys { get; } = keys;
    public int Deleted { get; } = deleted;
}
