using System.Text.Json;

namespace DevPlatform.Core.Storage.Blobs.Local;

/// <summary>
/// Embedded blobs: objects under {data}/blobs/objects/{key}, their content type beside them under
/// {data}/blobs/meta/{key}.json. Writes go to a temporary file first, so a failed upload never replaces an object.
/// </summary>
public sealed class FileBlobStore(string dataPath, BlobUrlSigner signer) : IBlobStore, IBackendProbe
{
    private readonly string _objects = Path.Combine(dataPath, "blobs", "objects");
    private readonly string _meta = Path.Combine(dataPath, "blobs", "meta");
    private readonly string _temp = Path.Combine(dataPath, "blobs", "tmp");

    public string Backend => "blobs";

    public Task ProbeAsync(CancellationToken ct) =>
        Directory.Exists(_objects) ? Task.CompletedTask : throw new DirectoryNotFoundException($"The blob folder {_objects} is missing.");

    public Task EnsureContainerAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_meta);
        Directory.CreateDirectory(_temp);
        return Task.CompletedTask;
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        var target = ObjectPath(key);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_temp);
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, 81920, ct);
                length = file.Length;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var meta = MetaPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
            await File.WriteAllTextAsync(meta, JsonSerializer.Serialize(new BlobMeta(contentType)), ct);
            File.Move(temp, target, overwrite: true);
            return new BlobInfo(key, length, contentType);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = ObjectPath(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct = default)
    {
        var file = new FileInfo(ObjectPath(key));
        if (!file.Exists) return null;
        var meta = MetaPath(key);
        var contentType = File.Exists(meta)
            ? JsonSerializer.Deserialize<BlobMeta>(await File.ReadAllTextAsync(meta, ct))?.ContentType
            : null;
        return new BlobInfo(key, file.Length, contentType ?? "application/octet-stream");
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        File.Delete(ObjectPath(key));
        File.Delete(MetaPath(key));
        return Task.CompletedTask;
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        // A prefix need not end at a folder boundary ("docs/a" matches "docs/ab.txt"), so compare whole keys.
        if (!Directory.Exists(_objects)) return Task.FromResult(0);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_objects, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            File.Delete(file);
            File.Delete(MetaPath(key));
            deleted++;
        }
        return Task.FromResult(deleted);
    }

    public Task<Uri> GetDownloadUrlAsync(string key, TimeSpan lifetime, CancellationToken ct = default) =>
        Task.FromResult(signer.Sign(BlobKey.Validate(key), lifetime));

    private string ObjectPath(string key) => Path.Combine(_objects, BlobKey.Validate(key));

    private string MetaPath(string key) => Path.Combine(_meta, BlobKey.Validate(key) + ".json");

    private sealed record BlobMeta(string ContentType);
}
