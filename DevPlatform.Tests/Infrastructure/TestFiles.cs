namespace DevPlatform.Tests.Infrastructure;

/// <summary>Files whose first bytes say what they are, padded to the length a test needs.</summary>
public static class TestFiles
{
    public static byte[] Png(int length) => Padded([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], length);

    public static byte[] Jpeg(int length) => Padded([0xFF, 0xD8, 0xFF, 0xE0], length);

    public static byte[] WebP(int length) => Padded("RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), length);

    public static byte[] Pdf(int length) => Padded("%PDF-1.7\n"u8.ToArray(), length);

    public static byte[] Zip(int length = 100) => Padded([0x50, 0x4B, 0x03, 0x04], length);

    public static byte[] Svg(string body = "<rect width=\"10\" height=\"10\"/>") =>
        System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{body}</svg>");

    /// <summary>A PNG a browser can draw: <paramref name="size"/> pixels square, a diagonal of two colours.</summary>
    public static byte[] RealPng(int size = 64)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < size; y++)
        {
            raw.WriteByte(0); // no filter
            for (var x = 0; x < size; x++) raw.Write(x > y ? [0x4F, 0x46, 0xE5] : [0x22, 0xC5, 0x5E]);
        }
        var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            raw.WriteTo(zlib);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, size);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Padded(byte[] head, int length)
    {
        var bytes = new byte[Math.Max(length, head.Length)];
        head.CopyTo(bytes, 0);
        new Random(length).NextBytes(bytes.AsSpan(head.Length));
        return bytes;
    }
}
