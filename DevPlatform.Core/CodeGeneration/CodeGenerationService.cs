using DevPlatform.Core.Activity;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Code-generation runs of a project: queue one (the run's item is written owing its queue message, so a crash between
/// the two is completed by the repair pass), list, read, preview without queuing, retry a failed run, cancel a queued
/// one, download a finished run's archive and compare its files with the previous run's.
/// </summary>
public sealed partial class CodeGenerationService(CodeGenerationRecords records, ProjectService projects, ISchemaSource schemas, ActivityLog activity,
    IBlobStore blobs, IOptions<UploadOptions> uploadOptions, TimeProvider time)
{
    public const string TargetType = "code-generation";
    public const int MaxPageSize = 100;
    private const string NotFound = "No such code-generation run.";

    /// <summary>Queues a run of <paramref name="targets"/> from the schema's <paramref name="version"/> (the latest when null).</summary>
    /// <exception cref="ValidationFailedException">No target chosen.</exception>
    /// <exception cref="NotFoundException">No such project or schema, or the schema is another project's.</exception>
    public async Task<CodeGenerationRun> EnqueueAsync(Actor actor, string projectId, string schemaId, long? version, IReadOnlyCollection<CodeTarget> targets,
        CancellationToken ct = default)
    {
        var chosen = RequireTargets(targets);
        var project = await projects.RequireAsync(actor, projectId, TeamPermission.RunCodeGeneration, ct);
        var snapshot = await ReadSchemaAsync(actor, project.Id, schemaId, version, ct);
        var now = time.GetUtcNow();
        var run = new CodeGenerationRun(Ids.New(CodeGenerationRecords.IdPrefix), project.Id, project.TeamId, snapshot.SchemaId, snapshot.Name,
            snapshot.Version, chosen, CodeGenerationStatus.Queued, now, actor.UserId, actor.DisplayName, now);
        var record = activity.Prepare(actor, project.TeamId, ActivityActions.CodeGenerationQueued, TargetType, run.Id, Describe(run), null, null);
        await records.CreateAsync(run, [new RecordActivity(record), new DispatchCodeGeneration(run.Id), CodeGenerationNotices.Changed(run)], ct);
        return run;
    }

    /// <summary>The project's runs, newest first; with <paramref name="mine"/> only those the caller started.</summary>
    public async Task<CodeGenerationPage> ListAsync(Actor actor, string projectId, bool mine, int pageSize = 20, string? continuationToken = null,
        CancellationToken ct = default)
    {
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        var page = await records.QueryAsync(mine ? CodeGenerationRecords.CreatorPartition(projectId, actor.UserId) : CodeGenerationRecords.ProjectPartition(projectId),
            mine ? CodeGenerationRecords.ByCreator : CodeGenerationRecords.ByProject, Math.Clamp(pageSize, 1, MaxPageSize), continuationToken, ct);
        return new CodeGenerationPage(page.Items.Select(CodeGenerationRecords.ToRun).Select(r => r with { Files = null, Lease = null }).ToList(),
            page.ContinuationToken);
    }

    public async Task<CodeGenerationRun> GetAsync(Actor actor, string id, CancellationToken ct = default) =>
        (await LoadAsync(actor, id, TeamPermission.Read, ct)).Run with { Lease = null };

    /// <summary>The files a run would produce and the content of <paramref name="path"/> (the first file when null), generated in memory.</summary>
    /// <exception cref="ValidationFailedException">No target chosen, the path is not one of the files, or the schema cannot be generated from.</exception>
    public async Task<CodeGenerationPreview> PreviewAsync(Actor actor, string projectId, string schemaId, long? version, IReadOnlyCollection<CodeTarget> targets,
        string? path, CancellationToken ct = default)
    {
        var chosen = RequireTargets(targets);
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        var snapshot = await ReadSchemaAsync(actor, projectId, schemaId, version, ct);
        IReadOnlyList<GeneratedFile> files;
        try
        {
            files = CodeGenerator.Generate(snapshot.Definition, new GenerationSettings(snapshot.Name, snapshot.Version), chosen);
        }
        catch (CodeGenerationException e)
        {
            throw new ValidationFailedException("schemaId", e.Message);
        }
        var selected = path is null ? files[0] : files.FirstOrDefault(f => f.Path == path)
            ?? throw new ValidationFailedException("path", $"The preview has no file '{path}'.");
        return new CodeGenerationPreview(snapshot.SchemaId, snapshot.Version, files.Select(f => new PreviewFile(f.Path, CodeArchive.ByteCount(f))).ToList(),
            selected.Path, selected.Content);
    }

    /// <summary>Queues a failed run again (same id, same schema version, same archive key).</summary>
    /// <exception cref="ConflictException">The run is not failed.</exception>
    public async Task<CodeGenerationRun> RetryAsync(Actor actor, string id, CancellationToken ct = default)
    {
        var (item, run) = await LoadAsync(actor, id, TeamPermission.RunCodeGeneration, ct);
        if (run.Status != CodeGenerationStatus.Failed) throw new ConflictException($"Only a failed run can be retried; this one is {Word(run.Status)}.");
        var next = run with
        {
            Status = CodeGenerationStatus.Queued, Error = null, Progress = null, Lease = null, FinishedAt = null, UpdatedAt = time.GetUtcNow(),
        };
        var record = activity.Prepare(actor, run.TeamId, ActivityActions.CodeGenerationRetried, TargetType, run.Id, Describe(run), Word(run.Status), Word(next.Status));
        await SwapAsync(item, next, [new RecordActivity(record), new DispatchCodeGeneration(run.Id), CodeGenerationNotices.Changed(next)], ct);
        return next with { Lease = null };
    }

    /// <summary>Cancels a queued run: a worker that receives its message later skips it.</summary>
    /// <exception cref="ConflictException">The run is no longer queued.</exception>
    public async Task<CodeGenerationRun> CancelAsync(Actor actor, string id, CancellationToken ct = default)
    {
        var (item, run) = await LoadAsync(actor, id, TeamPermission.RunCodeGeneration, ct);
        if (run.Status != CodeGenerationStatus.Queued) throw new ConflictException($"Only a queued run can be cancelled; this one is {Word(run.Status)}.");
        var now = time.GetUtcNow();
        var next = run with { Status = CodeGenerationStatus.Cancelled, FinishedAt = now, UpdatedAt = now };
        var record = activity.Prepare(actor, run.TeamId, ActivityActions.CodeGenerationCancelled, TargetType, run.Id, Describe(run), Word(run.Status), Word(next.Status));
        await SwapAsync(item, next, [new RecordActivity(record), CodeGenerationNotices.Changed(next)], ct);
        return next;
    }

    /// <summary>A time-limited link to the run's archive and when it expires.</summary>
    /// <exception cref="ConflictException">The run has not succeeded, so it has no archive.</exception>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> GetDownloadUrlAsync(Actor actor, string id, CancellationToken ct = default)
    {
        var (_, run) = await LoadAsync(actor, id, TeamPermission.Read, ct);
        if (run is not { Status: CodeGenerationStatus.Succeeded, Archive: { } archive })
            throw new ConflictException($"This run is {Word(run.Status)}: only a succeeded run has an archive to download.");
        var lifetime = uploadOptions.Value.DownloadUrlLifetime;
        return (await blobs.GetDownloadUrlAsync(archive.Key, lifetime, ct), time.GetUtcNow() + lifetime);
    }

    private async Task SwapAsync(DocumentItem item, CodeGenerationRun next, IReadOnlyList<OwedEffect> effects, CancellationToken ct)
    {
        try
        {
            await records.ReplaceAsync(item, next, effects, ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // A worker claimed it (or another person acted) in between: what the caller saw no longer holds.
            throw new ConflictException("The run changed meanwhile (a worker may have started it). Reload it and try again.");
        }
    }

    private async Task<(DocumentItem Item, CodeGenerationRun Run)> LoadAsync(Actor actor, string id, TeamPermission permission, CancellationToken ct)
    {
        var found = await records.FindAsync(id, ct) ?? throw new NotFoundException(NotFound);
        await projects.RequireForItemAsync(actor, found.Run.ProjectId, null, permission, NotFound, ct);
        return found;
    }

    private async Task<SchemaSnapshot> ReadSchemaAsync(Actor actor, string projectId, string schemaId, long? version, CancellationToken ct)
    {
        var snapshot = await schemas.GetAsync(actor, schemaId, version, ct);
        return snapshot.ProjectId == projectId ? snapshot : throw new NotFoundException("No such schema in this project.");
    }

    private static IReadOnlyList<CodeTarget> RequireTargets(IReadOnlyCollection<CodeTarget> targets) => targets.Count == 0
        ? throw new ValidationFailedException("targets", "Choose at least one target: csharp, typescript, sql or openapi.")
        : targets.Distinct().Order().ToList();

    internal static string Describe(CodeGenerationRun run) => $"{run.SchemaName} v{run.SchemaVersion}";

    public static string Word(CodeGenerationStatus status) => status.ToString().ToLowerInvariant();
}
