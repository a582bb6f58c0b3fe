namespace DevPlatform.Tests.Infrastructure;

/// <summary>Files whose first bytes say what they are, padded to the length a test needs.</summary>
public static class TestFiles
{
    public static byte[] Png(int length) => Padded([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], length);

    public static byte[] Jpeg(int length) => Padded([0xFF, 0xD8, 0xFF, 0xE0], length);

    public static byte[] WebP(int length) => Padded("RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), length);

    public static byte[] Pdf(int length) => Padded("%PDF-1.7\n"u8.ToArray(), length);

    public static byte[] Svg(string body = "<rect width=\"10\" height=\"10\"/>") =>
        System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{body}</svg>");

    private static byte[] Padded(byte[] head, int length)
    {
        var bytes = new byte[Math.Max(length, head.Length)];
        head.CopyTo(bytes, 0);
        new Random(length).NextBytes(bytes.AsSpan(head.Length));
        return bytes;
    }
}
