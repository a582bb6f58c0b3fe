using System.Text.Json;

namespace DevPlatform.Core.Storage.Blobs.Local;

/// <summary>
/// Embedded blobs: objects under {data}/blobs/objects/{key}, their content type beside them under
/// {data}/blobs/meta/{key}.json. Writes go to a temporary file first, so a failed upload never replaces an object.
/// </summary>
public sealed class FileBlobStore(string dataPath, BlobUrlSigner signer) : IBlobStore, IBackendProbe, IStorageSweep
{
    /// <summary>
    /// A temporary file not written for this long belongs to an upload whose process died: a live upload writes every few
    /// seconds, and Kestrel ends one that stalls (its minimum data rate) long before this.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

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

    /// <summary>Deletes temporary files of uploads that were never finished (see <see cref="AbandonedAfter"/>).</summary>
    public Task SweepAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_temp)) return Task.CompletedTask;
        var cutoff = DateTime.UtcNow - AbandonedAfter;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles())
        {
            ct.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff) file.Delete();
        }
        return Task.CompletedTask;
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
        // File.Delete is quiet about a missing file but throws for a missing folder: a key never stored is no error either.
        foreach (var path in new[] { ObjectPath(key), MetaPath(key) })
            if (Directory.Exists(Path.GetDirectoryName(path))) File.Delete(path);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A prefix need not end at a folder boundary ("docs/a" matches "docs/ab.txt" and "docs/a/x"), so only the folder
    /// the prefix falls in is listed, and of its entries those whose names start with the prefix's last part.
    /// </summary>
    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        BlobKey.ValidatePrefix(prefix);
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _objects : Path.Combine(_objects, prefix[..slash]);
        var namePrefix = prefix[(slash + 1)..];
        if (!Directory.Exists(folder)) return Task.FromResult(0);
        var deleted = 0;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            ct.ThrowIfCancellationRequested();
            if (!entry.Name.StartsWith(namePrefix, StringComparison.Ordinal)) continue;
            var files = entry is DirectoryInfo directory ? directory.EnumerateFiles("*", SearchOption.AllDirectories) : [(FileInfo)entry];
            foreach (var file in files)
            {
                var key = Path.GetRelativePath(_objects, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                file.Delete();
                File.Delete(MetaPath(key));
                deleted++;
            }
        }
        return Task.FromResult(deleted);
    }

    public Task<Uri> GetDownloadUrlAsync(string key, TimeSpan lifetime, CancellationToken ct = default) =>
        Task.FromResult(signer.Sign(BlobKey.Validate(key), lifetime));

    private string ObjectPath(string key) => Path.Combine(_objects, BlobKey.Validate(key));

    private string MetaPath(string key) => Path.Combine(_meta, BlobKey.Validate(key) + ".json");

    private sealed record BlobMeta(string ContentType);
}
