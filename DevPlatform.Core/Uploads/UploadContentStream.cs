using DevPlatform.Core.Common;

namespace DevPlatform.Core.Uploads;

/// <summary>
/// The bytes already read to recognise the file, then the rest of the source, refusing to go past the policy's size:
/// reading the byte after the limit throws, so the put fails and stores nothing, however the client lied about length.
/// </summary>
internal sealed class UploadContentStream(ReadOnlyMemory<byte> head, Stream rest, long maxBytes, string what) : Stream
{
    private ReadOnlyMemory<byte> _head = head;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TakeHead(buffer) is var fromHead and > 0) return fromHead;
        return Count(rest.Read(buffer));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (TakeHead(buffer.Span) is var fromHead and > 0) return fromHead;
        return Count(await rest.ReadAsync(buffer, ct));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int TakeHead(Span<byte> buffer)
    {
        if (_head.IsEmpty || buffer.IsEmpty) return 0;
        var n = Math.Min(_head.Length, buffer.Length);
        _head.Span[..n].CopyTo(buffer);
        _head = _head[n..];
        return Count(n);
    }

    private int Count(int read)
    {
        _position += read;
        if (_position > maxBytes) throw new PayloadTooLargeException($"{what} is larger than {maxBytes / UploadPolicy.MiB} MB.");
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
