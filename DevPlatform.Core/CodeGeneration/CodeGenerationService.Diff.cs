using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Blobs;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>A run's files against the previous succeeded run of the same schema in the same project.</summary>
public sealed partial class CodeGenerationService
{
    /// <summary>How far back (in runs of the project) the previous run of the same schema is looked for.</summary>
    public const int PreviousRunSearchLimit = 200;

    /// <param name="path">A changed file to show as a unified diff; none when null.</param>
    /// <exception cref="ConflictException">The run has not succeeded, so it has no files.</exception>
    public async Task<CodeGenerationDiff> DiffAsync(Actor actor, string id, string? path, CancellationToken ct = default)
    {
        var (_, run) = await LoadAsync(actor, id, TeamPermission.Read, ct);
        if (run is not { Status: CodeGenerationStatus.Succeeded, Files: { } files, Archive: { } archive })
            throw new ConflictException($"This run is {Word(run.Status)}: only a succeeded run has files to compare.");
        var previous = await PreviousRunAsync(run, ct);
        if (previous is not { Files: { } before, Archive: { } beforeArchive })
            return new CodeGenerationDiff(run.Id, null, null, files.Select(f => f.Path).ToList(), [], [], 0, null, null);
        var old = before.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var now = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var added = files.Where(f => !old.ContainsKey(f.Path)).Select(f => f.Path).ToList();
        var removed = before.Where(f => !now.ContainsKey(f.Path)).Select(f => f.Path).ToList();
        var changed = files.Where(f => old.TryGetValue(f.Path, out var o) && o.Sha256 != f.Sha256).Select(f => f.Path).ToList();
        var unchanged = files.Count(f => old.TryGetValue(f.Path, out var o) && o.Sha256 == f.Sha256);
        string? unified = null;
        if (path is not null)
        {
            if (!old.ContainsKey(path) && !now.ContainsKey(path)) throw new ValidationFailedException("path", $"Neither run has a file '{path}'.");
            var oldText = old.ContainsKey(path) ? await ReadFileAsync(beforeArchive.Key, path, ct) : "";
            var newText = now.ContainsKey(path) ? await ReadFileAsync(archive.Key, path, ct) : "";
            unified = UnifiedDiff.Of(oldText, newText, $"v{previous.SchemaVersion}/{path}", $"v{run.SchemaVersion}/{path}");
        }
        return new CodeGenerationDiff(run.Id, previous.Id, previous.SchemaVersion, added, removed, changed, unchanged, path, unified);
    }

    /// <summary>The newest succeeded run of the same schema queued before this one (read again by key: the index lags).</summary>
    private async Task<CodeGenerationRun?> PreviousRunAsync(CodeGenerationRun run, CancellationToken ct)
    {
        string? token = null;
        var seen = 0;
        do
        {
            var page = await records.QueryAsync(CodeGenerationRecords.ProjectPartition(run.ProjectId), CodeGenerationRecords.ByProject, 50, token, ct);
            foreach (var candidate in page.Items.Select(CodeGenerationRecords.ToRun))
            {
                if (candidate.Id == run.Id || candidate.SchemaId != run.SchemaId || candidate.CreatedAt > run.CreatedAt) continue;
                if ((await records.FindAsync(candidate.Id, ct))?.Run is { Status: CodeGenerationStatus.Succeeded } current) return current;
            }
            seen += page.Items.Count;
            token = page.ContinuationToken;
        } while (token is not null && seen < PreviousRunSearchLimit);
        return null;
    }

    private async Task<string> ReadFileAsync(string key, string path, CancellationToken ct)
    {
        try
        {
            return await CodeArchive.ReadFileAsync(await blobs.OpenReadAsync(key, ct), path, ct) ?? "";
        }
        catch (BlobNotFoundException)
        {
            throw new NotFoundException("The archive of this run is gone.");
        }
    }
}
