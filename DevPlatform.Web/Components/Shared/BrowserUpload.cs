namespace DevPlatform.Web.Components.Shared;

/// <summary>A file the person picked, as <see cref="FileUpload"/> hands it to the page: read it once, to the end.</summary>
/// <param name="Content">Streams from the browser; the component counts what is read for the progress bar.</param>
/// <param name="ContentType">What the browser says the file is (from its extension); the server checks the bytes.</param>
public sealed record BrowserUpload(Stream Content, string Name, string ContentType, long Size);

/// <summary>Counts the bytes read from a stream, for a progress bar.</summary>
internal sealed class CountingReadStream(Stream inner, Action<long> onRead) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Counted(await inner.ReadAsync(buffer, ct));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));

    private int Counted(int read)
    {
        _read += read;
        onRead(_read);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
