using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Uploads;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Core.Uploads;

/// <summary>
/// Every upload path goes through BlobUploader: on both backends it stores what it checked, and however an upload
/// fails — a stream that breaks, content over the limit, a record that cannot be written, a crash between the two
/// writes — it leaves no object that no record points at.
/// </summary>
public abstract class BlobUploaderTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly UploadOwner Owner = new(TestReferences.OwnerKind, "owner-1");
    private readonly TestReferences _references = new();
    private readonly ShiftableTime _time = new();
    private ServiceHarness _harness = null!;
    private readonly string _key = $"tests/{Guid.NewGuid():N}/file";

    private BlobUploader Uploader => _harness.Get<BlobUploader>();
    private IBlobStore Blobs => _harness.Get<IBlobStore>();

    public async Task InitializeAsync() =>
        _harness = await new ServiceHarness(emulators, s => s.AddSingleton<IBlobReferences>(_references).AddSingleton<TimeProvider>(_time)).StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task StoresTheCheckedContentUnderTheKeyForItsTypeAndCommits()
    {
        var content = TestFiles.Png(3000);

        var stored = await Uploader.UploadAsync(new UploadSource(new MemoryStream(content), "image/png"), UploadPolicy.Diagram, Owner,
            type => $"{_key}.{FileTypes.ExtensionOf(type)}", s => Task.FromResult(s), CancellationToken.None);

        Assert.Equal(new StoredBlob($"{_key}.png", content.Length, "image/png"), stored);
        Assert.Equal(content, await ReadAsync(stored.Key));
        Assert.Equal(0, await RepairClaimsAsync(after: TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task AStreamThatBreaksHalfwayStoresNothingAndCommitsNothing()
    {
        // Past S3's part size, so the AWS adapter is in a multipart upload when the stream breaks.
        var breaking = new BreakingStream(TestFiles.Png(64), breakAfter: 7 * 1024 * 1024);
        var committed = false;

        await Assert.ThrowsAsync<IOException>(() => Uploader.UploadAsync(new UploadSource(breaking, "image/png"), UploadPolicy.Diagram, Owner,
            _ => _key, s => { committed = true; return Task.FromResult(s); }, CancellationToken.None));

        Assert.False(committed);
        Assert.Null(await Blobs.GetInfoAsync(_key));
        Assert.Equal(0, await RepairClaimsAsync(after: TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task ContentOverThePolicysLimitIsRefusedWithNothingStored()
    {
        var policy = UploadPolicy.Attachment with { MaxBytes = 1024 * 1024 };

        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(() => Uploader.UploadAsync(
            new UploadSource(new GeneratedStream(1024 * 1024 + 1), null), policy, Owner, _ => _key, s => Task.FromResult(s), CancellationToken.None));

        Assert.Equal("The file is larger than 1 MB.", refused.Message);
        Assert.Null(await Blobs.GetInfoAsync(_key));
    }

    [Fact]
    public async Task ARecordThatCannotBeWrittenTakesItsObjectWithIt()
    {
        await Assert.ThrowsAsync<ConflictException>(() => Uploader.UploadAsync(new UploadSource(new MemoryStream(TestFiles.Png(100)), "image/png"),
            UploadPolicy.Diagram, Owner, _ => _key, Task<StoredBlob> (_) => throw new ConflictException("changed meanwhile"), CancellationToken.None));

        Assert.Null(await Blobs.GetInfoAsync(_key));
    }

    [Fact]
    public async Task AFailedReplaceKeepsTheObjectTheRecordStillPointsAt()
    {
        _references.Referenced.Add(_key);

        await Assert.ThrowsAsync<ConflictException>(() => Uploader.UploadAsync(new UploadSource(new MemoryStream(TestFiles.Png(100)), "image/png"),
            UploadPolicy.Diagram, Owner, _ => _key, Task<StoredBlob> (_) => throw new ConflictException("changed meanwhile"), CancellationToken.None));

        Assert.NotNull(await Blobs.GetInfoAsync(_key));
    }

    [Fact]
    public async Task AnUploadThatDiedBeforeItsRecordIsDeletedOnceTheLongestUploadIsOver()
    {
        // The process "dies" after storing the object: the record is never written and the clean-up cannot run.
        _references.Unreachable = true;
        await Assert.ThrowsAsync<ConflictException>(() => Uploader.UploadAsync(new UploadSource(new MemoryStream(TestFiles.Png(100)), "image/png"),
            UploadPolicy.Diagram, Owner, _ => _key, Task<StoredBlob> (_) => throw new ConflictException("process died"), CancellationToken.None));
        _references.Unreachable = false;
        Assert.NotNull(await Blobs.GetInfoAsync(_key));

        Assert.Equal(0, await RepairClaimsAsync(after: TimeSpan.FromMinutes(30)));
        Assert.NotNull(await Blobs.GetInfoAsync(_key));

        Assert.Equal(1, await RepairClaimsAsync(after: TimeSpan.FromHours(7)));
        Assert.Null(await Blobs.GetInfoAsync(_key));
        Assert.Equal(0, await RepairClaimsAsync(after: TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task TheRepairPassKeepsAnObjectWhoseRecordWasWrittenBeforeTheCrash()
    {
        _references.Unreachable = true;
        await Assert.ThrowsAsync<ConflictException>(() => Uploader.UploadAsync(new UploadSource(new MemoryStream(TestFiles.Png(100)), "image/png"),
            UploadPolicy.Diagram, Owner, _ => _key, Task<StoredBlob> (_) => throw new ConflictException("died after the record"), CancellationToken.None));
        (_references.Unreachable, _references.Referenced) = (false, [_key]);

        Assert.Equal(1, await RepairClaimsAsync(after: TimeSpan.FromHours(7)));

        Assert.NotNull(await Blobs.GetInfoAsync(_key));
    }

    [Fact]
    public async Task UploadsToOneKeyTakeTurnsSoTheRecordAlwaysDescribesTheStoredBytes()
    {
        var committing = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        var first = UploadAsync(TestFiles.Png(3000), async s => { committing.SetResult(); await goOn.Task; return s; });
        await committing.Task;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => UploadAsync(TestFiles.Png(10), s => Task.FromResult(s)));
        goOn.SetResult();
        var stored = await first;

        Assert.Contains("Another upload to the same place is in progress", refused.Message);
        Assert.Equal(3000, stored.Length);
        Assert.Equal(3000, (await Blobs.GetInfoAsync(_key))!.Length);
        Assert.Equal(10, (await UploadAsync(TestFiles.Png(10), s => Task.FromResult(s))).Length);
    }

    [Fact]
    public async Task TheCleanUpOfAReplacedObjectLeavesAKeySomeoneIsUploadingTo()
    {
        var committing = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        var upload = UploadAsync(TestFiles.Png(3000), async s => { committing.SetResult(); await goOn.Task; _references.Referenced.Add(s.Key); return s; });
        await committing.Task;

        await _harness.Get<BlobEffects>().RunAsync(new DiscardUpload(_key, Owner.Kind, Owner.Id), CancellationToken.None);
        goOn.SetResult();
        await upload;

        Assert.NotNull(await Blobs.GetInfoAsync(_key));
    }

    [Fact]
    public async Task TheClaimOfAnUploadWhoseProcessDiedIsTakenOverOnceItLapses()
    {
        _references.Unreachable = true;
        await Assert.ThrowsAsync<ConflictException>(() => UploadAsync(TestFiles.Png(100), Task<StoredBlob> (_) => throw new ConflictException("process died")));
        _references.Unreachable = false;

        _time.Offset = TimeSpan.FromMinutes(1);
        await Assert.ThrowsAsync<ConflictException>(() => UploadAsync(TestFiles.Png(10), s => Task.FromResult(s)));
        _time.Offset = TimeSpan.FromMinutes(4);
        var stored = await UploadAsync(TestFiles.Png(10), s => { _references.Referenced.Add(s.Key); return Task.FromResult(s); });

        Assert.Equal(10, stored.Length);
        // The dead upload's clean-up was carried over and finds the object referenced now.
        Assert.Equal(0, await RepairClaimsAsync(after: TimeSpan.FromHours(7)));
        Assert.NotNull(await Blobs.GetInfoAsync(_key));
    }

    private Task<StoredBlob> UploadAsync(byte[] content, Func<StoredBlob, Task<StoredBlob>> commit) =>
        Uploader.UploadAsync(new UploadSource(new MemoryStream(content), "image/png"), UploadPolicy.Diagram, Owner, _ => _key, commit, CancellationToken.None);

    private Task<int> RepairClaimsAsync(TimeSpan after)
    {
        _time.Offset = after;
        return _harness.Get<OwedWorkRunner>().RepairAsync(UploadClaims.Table, TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Blobs.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private sealed class TestReferences : IBlobReferences
    {
        public const string OwnerKind = "test";
        public HashSet<string> Referenced { get; set; } = [];
        public bool Unreachable { get; set; }
        public string Kind => OwnerKind;

        public Task<bool> IsReferencedAsync(string ownerId, string blobKey, CancellationToken ct) =>
            Unreachable ? throw new IOException("storage unreachable") : Task.FromResult(Referenced.Contains(blobKey));
    }

    /// <summary>A valid PNG head, then generated bytes, then an I/O error: a client that disconnects mid-upload.</summary>
    private sealed class BreakingStream(byte[] head, long breakAfter) : Stream
    {
        private readonly GeneratedStream _rest = new(long.MaxValue);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= breakAfter) throw new IOException("The client went away.");
            var n = _position < head.Length
                ? CopyHead(buffer.AsSpan(offset, count))
                : _rest.Read(buffer, offset, (int)Math.Min(count, breakAfter - _position));
            _position += n;
            return n;
        }

        private int CopyHead(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, head.Length - (int)_position);
            head.AsSpan((int)_position, n).CopyTo(buffer);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer, offset, count));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var array = new byte[buffer.Length];
            var n = Read(array, 0, array.Length);
            array.AsSpan(0, n).CopyTo(buffer.Span);
            return ValueTask.FromResult(n);
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class SqliteBlobUploaderTests() : BlobUploaderTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoBlobUploaderTests(AwsEmulators emulators) : BlobUploaderTests(emulators);
