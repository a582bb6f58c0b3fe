using System.Security.Cryptography;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// A forward-only stream of pseudo-random bytes, like the one Blazor's InputFile hands out: not seekable, length
/// unknown to the reader, never held in memory whole. It hashes what it produced, to compare with what comes back.
/// </summary>
public sealed class GeneratedStream(long length, int seed = 42) : Stream
{
    private readonly Random _random = new(seed);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _produced;

    public string Sha256 => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Short reads, as a network stream gives, so adapters cannot rely on full buffers.
        var n = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024 + 17), length - _produced);
        if (n <= 0) return 0;
        _random.NextBytes(buffer[..n]);
        _hash.AppendData(buffer[..n]);
        _produced += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }

    public static async Task<(long Length, string Sha256)> HashAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
            total += read;
        }
        return (total, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }
}
