using System.IO.Pipelines;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Storage.Blobs;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Streams a run's zip straight into the Blobs port through a pipe — zipped, hashed and uploaded as it is written, never
/// held whole in memory — and says how large it was and its SHA-256.
/// </summary>
internal static class ArchiveUpload
{
    public static async Task<(long Size, string Sha256)> StreamAsync(IBlobStore blobs, string key, IReadOnlyList<GeneratedFile> files,
        Func<int, GeneratedFile, Task> written, CancellationToken ct)
    {
        var pipe = new Pipe();
        var hashing = new HashingStream(pipe.Writer.AsStream(leaveOpen: true));
        var writing = Task.Run(async () =>
        {
            try
            {
                await CodeArchive.WriteAsync(hashing, files, written, ct);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                // The upload then fails too (it reads the error from the pipe), so nothing half-written is kept.
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        }, ct);
        try
        {
            await using var content = pipe.Reader.AsStream();
            await blobs.PutAsync(key, content, "application/zip", ct);
        }
        catch
        {
            // Unblocks a writer waiting for the reader, then reports the first failure.
            await pipe.Reader.CompleteAsync();
            if (writing.IsFaulted) await writing;
            throw;
        }
        await writing;
        return (hashing.BytesWritten, hashing.Sha256());
    }
}
