using System.IO.Compression;
using System.Text;
using DevPlatform.Core.CodeGeneration.Generators;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Writes generated files as a zip that is the same bytes for the same files: entries in the given order, one fixed
/// time stamp, fixed compression. A redelivered job therefore rewrites its archive with identical content.
/// </summary>
public static class CodeArchive
{
    /// <summary>1 January 2000, UTC: a zip's time stamps cannot be before 1980, and any fixed time would do.</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="written">Called after each file with how many are written so far (for progress).</param>
    public static async Task WriteAsync(Stream output, IReadOnlyList<GeneratedFile> files, Func<int, GeneratedFile, Task>? written, CancellationToken ct)
    {
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        for (var i = 0; i < files.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var entry = zip.CreateEntry(files[i].Path, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            await using (var stream = await entry.OpenAsync(ct))
            {
                var bytes = Utf8.GetBytes(files[i].Content);
                await stream.WriteAsync(bytes, ct);
            }
            if (written is not null) await written(i + 1, files[i]);
        }
    }

    /// <summary>The content of one file of an archive; null when it holds no such path.</summary>
    public static async Task<string?> ReadFileAsync(Stream archive, string path, CancellationToken ct)
    {
        await using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: false);
        if (zip.GetEntry(path) is not { } entry) return null;
        await using var stream = await entry.OpenAsync(ct);
        using var reader = new StreamReader(stream, Utf8);
        return await reader.ReadToEndAsync(ct);
    }

    public static int ByteCount(GeneratedFile file) => Utf8.GetByteCount(file.Content);
}
