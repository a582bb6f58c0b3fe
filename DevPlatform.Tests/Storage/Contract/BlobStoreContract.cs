using System.Text;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>What every IBlobStore must do; run against files and against S3 (fauxqs).</summary>
public abstract class BlobStoreContract(Func<StorageBackend> createBackend) : IAsyncLifetime
{
    private StorageBackend _backend = null!;
    private IBlobStore Blobs => _backend.Blobs;

    public async Task InitializeAsync()
    {
        _backend = createBackend();
        await Blobs.EnsureContainerAsync();
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task StreamsA50MegabyteBlobFromANonSeekableStreamAndBackUnchanged()
    {
        const long size = 50L * 1024 * 1024;
        await using var source = new GeneratedStream(size);

        var info = await Blobs.PutAsync("code-generations/p1/c1/archive.zip", source, "application/zip");
        await using var stored = await Blobs.OpenReadAsync("code-generations/p1/c1/archive.zip");
        var (length, sha) = await GeneratedStream.HashAsync(stored);

        Assert.Equal(size, info.Length);
        Assert.Equal((size, source.Sha256), (length, sha));
    }

    [Fact]
    public async Task EnsuringTheContainerAgainKeepsItsBlobs()
    {
        await PutTextAsync("documentation/p1/d1/a.txt", "kept");

        await Blobs.EnsureContainerAsync();

        Assert.Equal("kept", await ReadTextAsync("documentation/p1/d1/a.txt"));
    }

    [Fact]
    public async Task AnEmptyBlobStaysEmpty()
    {
        await Blobs.PutAsync("documentation/p1/d1/empty.txt", new GeneratedStream(0), "text/plain");

        await using var stored = await Blobs.OpenReadAsync("documentation/p1/d1/empty.txt");
        var info = await Blobs.GetInfoAsync("documentation/p1/d1/empty.txt");

        Assert.Equal(0, (await GeneratedStream.HashAsync(stored)).Length);
        Assert.Equal(0, info!.Length);
    }

    [Fact]
    public async Task KeepsTheContentType()
    {
        await PutTextAsync("architectures/p1/a1/diagram.png", "png", "image/png");

        Assert.Equal("image/png", (await Blobs.GetInfoAsync("architectures/p1/a1/diagram.png"))!.ContentType);
    }

    [Fact]
    public async Task PuttingAgainReplacesTheContent()
    {
        await PutTextAsync("profile-pictures/u1/1.png", "old");
        await PutTextAsync("profile-pictures/u1/1.png", "new");

        Assert.Equal("new", await ReadTextAsync("profile-pictures/u1/1.png"));
    }

    [Fact]
    public async Task AMissingBlobIsNotFound()
    {
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Blobs.OpenReadAsync("nothing/here.txt"));
        Assert.Null(await Blobs.GetInfoAsync("nothing/here.txt"));
    }

    [Fact]
    public async Task DeleteByPrefixRemovesOnlyThatPrefix()
    {
        await PutTextAsync("documentation/p1/d1/a.txt", "a");
        await PutTextAsync("documentation/p1/d1/b.txt", "b");
        await PutTextAsync("documentation/p1/d2/c.txt", "c");

        var deleted = await Blobs.DeleteByPrefixAsync("documentation/p1/d1/");

        Assert.Equal(2, deleted);
        Assert.Null(await Blobs.GetInfoAsync("documentation/p1/d1/a.txt"));
        Assert.Equal("c", await ReadTextAsync("documentation/p1/d2/c.txt"));
    }

    [Fact]
    public async Task DeleteByPrefixComparesWholeKeysNotFolders()
    {
        foreach (var key in new[] { "docs/ab.txt", "docs/a/x", "docs/a/deeper/y", "docs/b.txt", "other/a", "docsa/a" })
            await PutTextAsync(key, key);

        var deleted = await Blobs.DeleteByPrefixAsync("docs/a");

        Assert.Equal(3, deleted);
        foreach (var gone in new[] { "docs/ab.txt", "docs/a/x", "docs/a/deeper/y" }) Assert.Null(await Blobs.GetInfoAsync(gone));
        foreach (var kept in new[] { "docs/b.txt", "other/a", "docsa/a" }) Assert.Equal(kept, await ReadTextAsync(kept));
    }

    [Fact]
    public async Task DeleteByPrefixWithoutAFolderMatchesTopLevelNames()
    {
        await PutTextAsync("docs/a.txt", "a");
        await PutTextAsync("documentation/b.txt", "b");
        await PutTextAsync("other/c.txt", "c");

        var deleted = await Blobs.DeleteByPrefixAsync("doc");

        Assert.Equal(2, deleted);
        Assert.Equal("c", await ReadTextAsync("other/c.txt"));
    }

    [Fact]
    public async Task DeleteByPrefixUnderAMissingFolderDeletesNothing() =>
        Assert.Equal(0, await Blobs.DeleteByPrefixAsync("nothing/here/"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/")]
    [InlineData("../")]
    [InlineData("docs//")]
    public async Task DeleteByPrefixRefusesAnEmptyOrUnsafePrefixAndDeletesNothing(string prefix)
    {
        await PutTextAsync("documentation/p1/d1/a.txt", "kept");

        await Assert.ThrowsAsync<ArgumentException>(() => Blobs.DeleteByPrefixAsync(prefix));

        Assert.Equal("kept", await ReadTextAsync("documentation/p1/d1/a.txt"));
    }

    [Fact]
    public async Task DeleteRemovesOneBlobAndIgnoresAMissingOne()
    {
        await PutTextAsync("documentation/p1/d1/a.txt", "a");

        await Blobs.DeleteAsync("documentation/p1/d1/a.txt");
        await Blobs.DeleteAsync("documentation/p1/d1/a.txt");

        Assert.Null(await Blobs.GetInfoAsync("documentation/p1/d1/a.txt"));
    }

    [Fact]
    public async Task DeletingAKeyWhoseFolderNeverExistedIsNoError()
    {
        await Blobs.DeleteAsync("architectures/never/created/diagram.png");

        Assert.Null(await Blobs.GetInfoAsync("architectures/never/created/diagram.png"));
    }

    [Fact]
    public async Task ADownloadUrlServesTheBlobAndDeclaresItsExpiry()
    {
        await PutTextAsync("architectures/p1/a1/diagram.svg", "<svg/>", "image/svg+xml");
        var before = DateTimeOffset.UtcNow;

        var url = await Blobs.GetDownloadUrlAsync("architectures/p1/a1/diagram.svg", TimeSpan.FromMinutes(10));
        var download = await _backend.DownloadAsync(url);

        Assert.Equal((200, "<svg/>"), (download.Status, Encoding.UTF8.GetString(download.Body)));
        var expiresAt = _backend.ExpiryOf(url);
        Assert.InRange(expiresAt, before.AddMinutes(10).AddSeconds(-2), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(2));
    }

    [Fact]
    public async Task RejectsKeysThatEscapeTheirFolder() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Blobs.PutAsync("../outside.txt", new MemoryStream(), "text/plain"));

    [Fact]
    public async Task AcceptsAKeyOfExactlyTheMaximumByteLength()
    {
        // Two-byte characters: the limit is S3's, counted in UTF-8 bytes, not in characters.
        var key = string.Join('/', Enumerable.Repeat(new string('é', 100), 5)) + "/" + new string('k', 19);

        await PutTextAsync(key, "longest");

        Assert.Equal(BlobKey.MaxBytes, Encoding.UTF8.GetByteCount(key));
        Assert.Equal("longest", await ReadTextAsync(key));
    }

    [Theory]
    [InlineData("bytes")]
    [InlineData("segment")]
    public async Task RejectsAKeyOverTheDocumentedLength(string limit)
    {
        var key = limit == "bytes"
            ? string.Join('/', Enumerable.Repeat(new string('é', 100), 5)) + "/" + new string('k', 20)
            : "documentation/" + new string('k', BlobKey.MaxSegmentBytes + 1);

        await Assert.ThrowsAsync<ArgumentException>(() => Blobs.PutAsync(key, new MemoryStream([1]), "text/plain"));
    }

    private Task PutTextAsync(string key, string text, string contentType = "text/plain") =>
        Blobs.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(text)), contentType);

    private async Task<string> ReadTextAsync(string key)
    {
        await using var stream = await Blobs.OpenReadAsync(key);
        return await new StreamReader(stream).ReadToEndAsync();
    }
}

public sealed class FileBlobStoreTests() : BlobStoreContract(() => new LocalBackend())
{
    // Only here: fauxqs does no authentication, so it serves presigned URLs after they expire. Real S3 refuses them
    // by the X-Amz-Date/X-Amz-Expires the contract test above checks.
    [Fact]
    public async Task AnExpiredDownloadUrlIsRefused()
    {
        await using var backend = new LocalBackend();
        await backend.Blobs.EnsureContainerAsync();
        await backend.Blobs.PutAsync("documentation/p1/d1/spec.pdf", new MemoryStream([1, 2, 3]), "application/pdf");

        var url = await backend.Blobs.GetDownloadUrlAsync("documentation/p1/d1/spec.pdf", TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.Equal(403, (await backend.DownloadAsync(url)).Status);
    }

    [Fact]
    public async Task TheSweepDeletesTemporaryFilesOfUploadsThatDiedAndKeepsLiveOnes()
    {
        await using var backend = new LocalBackend();
        await backend.Blobs.EnsureContainerAsync();
        var temp = Path.Combine(backend.Folder, "blobs", "tmp");
        var abandoned = Path.Combine(temp, "abandoned");
        var live = Path.Combine(temp, "live");
        await File.WriteAllBytesAsync(abandoned, new byte[1000]);
        await File.WriteAllBytesAsync(live, new byte[1000]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - FileBlobStore.AbandonedAfter - TimeSpan.FromMinutes(1));

        await ((IStorageSweep)backend.Blobs).SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task AnAlteredDownloadUrlIsRefused()
    {
        await using var backend = new LocalBackend();
        await backend.Blobs.EnsureContainerAsync();
        await backend.Blobs.PutAsync("documentation/p1/d1/a.txt", new MemoryStream([1]), "text/plain");
        await backend.Blobs.PutAsync("documentation/p1/d1/b.txt", new MemoryStream([2]), "text/plain");

        var url = (await backend.Blobs.GetDownloadUrlAsync("documentation/p1/d1/a.txt", TimeSpan.FromMinutes(5))).ToString();

        Assert.Equal(403, (await backend.DownloadAsync(new Uri(url.Replace("a.txt", "b.txt"), UriKind.Relative))).Status);
    }
}

[Collection(AwsEmulatorCollection.Name)]
public sealed class S3BlobStoreTests(AwsEmulators emulators) : BlobStoreContract(() => new AwsBackend(emulators));
