using DevPlatform.Core.CodeGeneration.Generators;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Where a run is: queued → running → succeeded or failed; a queued run may be cancelled, a failed one retried (back to
/// queued). Every move is a conditional write on the run's item.
/// </summary>
public enum CodeGenerationStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <param name="FilesDone">Files written into the archive so far.</param>
/// <param name="CurrentFile">The last file written.</param>
public sealed record CodeGenerationProgress(int FilesDone, int FilesTotal, string? CurrentFile);

/// <summary>The archive a succeeded run stored, at <c>code-generations/{projectId}/{runId}/archive.zip</c>.</summary>
public sealed record CodeGenerationArchive(string Key, long Size, string Sha256, int FileCount);

/// <summary>One file of a run's output, for the diff between runs.</summary>
public sealed record GeneratedFileEntry(string Path, long Size, string Sha256);

/// <summary>Which worker runs the job, for which queue message, and until when its claim holds unless renewed (the queue's visibility timeout).</summary>
/// <param name="MessageId">The message the claim was made for: a redelivery of that same message means its worker stopped renewing it.</param>
public sealed record CodeGenerationLease(string WorkerId, DateTimeOffset Until, string? MessageId = null);

/// <summary>One code-generation run (a job): what it generates from, where it is, and what it produced.</summary>
/// <param name="SchemaVersion">Fixed when the run is queued, so a retry generates the same thing.</param>
/// <param name="Attempts">How many times a worker has started it.</param>
/// <param name="Error">Why the last attempt failed (on a failed run: why it failed).</param>
/// <param name="Files">The archive's files, for diffs; left out of lists.</param>
public sealed record CodeGenerationRun(
    string Id,
    string ProjectId,
    string TeamId,
    string SchemaId,
    string SchemaName,
    long SchemaVersion,
    IReadOnlyList<CodeTarget> Targets,
    CodeGenerationStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    int Attempts = 0,
    CodeGenerationProgress? Progress = null,
    CodeGenerationArchive? Archive = null,
    string? Error = null,
    CodeGenerationLease? Lease = null,
    IReadOnlyList<GeneratedFileEntry>? Files = null)
{
    public bool IsFinished => Status is CodeGenerationStatus.Succeeded or CodeGenerationStatus.Failed or CodeGenerationStatus.Cancelled;
}

public sealed record CodeGenerationPage(IReadOnlyList<CodeGenerationRun> Items, string? ContinuationToken);

/// <summary>A path in a preview's file tree, with its size in bytes.</summary>
public sealed record PreviewFile(string Path, long Size);

/// <summary>What a run would generate, without running it: every file, and the content of one.</summary>
public sealed record CodeGenerationPreview(string SchemaId, long SchemaVersion, IReadOnlyList<PreviewFile> Files, string SelectedPath, string Content);

/// <summary>
/// A run's files against the previous succeeded run of the same schema in the project: what was added, removed and
/// changed, and for <see cref="SelectedPath"/> a unified diff.
/// </summary>
public sealed record CodeGenerationDiff(
    string RunId,
    string? PreviousRunId,
    long? PreviousSchemaVersion,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed,
    int Unchanged,
    string? SelectedPath,
    string? UnifiedDiff);
