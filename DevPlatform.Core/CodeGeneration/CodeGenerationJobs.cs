using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>What a worker found when it tried to claim a run for a message.</summary>
public enum ClaimOutcome
{
    /// <summary>Claimed: the worker runs it.</summary>
    Claimed,
    /// <summary>No such run (its project was deleted): the message is done with.</summary>
    Missing,
    /// <summary>Succeeded, failed or cancelled already: a duplicate or late message, done with.</summary>
    Finished,
    /// <summary>Another worker holds a live claim made for another message: this one is a duplicate, done with.</summary>
    RunningElsewhere,
    /// <summary>
    /// The claim was made for this very message, which came back a moment before the claim lapses (the queue's clock and
    /// ours differ a little): the message is put back until the claim has lapsed, then taken over.
    /// </summary>
    ClaimNotYetLapsed,
    /// <summary>Lost every race for the item this time: the message comes back and is tried again.</summary>
    Contended,
}

/// <param name="RetryAfter">For <see cref="ClaimOutcome.ClaimNotYetLapsed"/>: how long until the claim lapses.</param>
public sealed record JobClaim(ClaimOutcome Outcome, RunLease? Lease, TimeSpan RetryAfter = default);

/// <summary>The worker lost its claim (another worker took the run over after its claim lapsed); it stops without writing.</summary>
public sealed class LeaseLostException(string runId) : Exception($"The claim on code-generation run {runId} was taken over by another worker.");

/// <summary>
/// The worker's side of a run's state machine: claim (queued → running, or running → running when the claim of a
/// worker that died has lapsed), progress and heartbeats while holding the claim, then succeeded or failed. Each is a
/// conditional write on the run's item, so two workers with the same run never both move it.
/// </summary>
public sealed class CodeGenerationJobs(CodeGenerationRecords records, ActivityLog activity, INotificationBus bus,
    IOptions<CodeGenerationOptions> options, TimeProvider time)
{
    private const int MaxRaces = 3;

    /// <param name="messageId">The queue message this claim is for (its id stays the same across redeliveries).</param>
    public async Task<JobClaim> ClaimAsync(string runId, string workerId, string messageId, CancellationToken ct)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            // Work the run still owes (its message being sent, say) is finished first, so the claim never carries it.
            if (await records.FindAsync(runId, ct) is not { } found || await records.SettleAsync(found.Item, ct) is not { } settled)
                return new JobClaim(ClaimOutcome.Missing, null);
            var (item, run) = settled;
            var now = time.GetUtcNow();
            if (run.IsFinished) return new JobClaim(ClaimOutcome.Finished, null);
            if (run.Status == CodeGenerationStatus.Running && run.Lease is { } held && held.Until > now)
                return held.MessageId == messageId
                    ? new JobClaim(ClaimOutcome.ClaimNotYetLapsed, null, held.Until - now)
                    : new JobClaim(ClaimOutcome.RunningElsewhere, null);
            var next = run with
            {
                Status = CodeGenerationStatus.Running, Attempts = run.Attempts + 1, StartedAt = run.StartedAt ?? now, UpdatedAt = now,
                Lease = new CodeGenerationLease(workerId, now + options.Value.VisibilityTimeout, messageId), Progress = null,
            };
            try
            {
                var written = await records.ReplaceAsync(item, next, [], ct);
                await CodeGenerationNotices.PublishAsync(bus, next, ct);
                return new JobClaim(ClaimOutcome.Claimed, new RunLease(this, written, next));
            }
            catch (ConditionalWriteFailedException)
            {
                // Another worker (or a cancel) moved it first: read it again and decide again.
            }
        }
        return new JobClaim(ClaimOutcome.Contended, null);
    }

    internal TimeProvider Time => time;

    internal CodeGenerationOptions Options => options.Value;

    internal INotificationBus Bus => bus;

    internal CodeGenerationRecords Records => records;

    internal ActivityRecord Prepare(CodeGenerationRun run, string action, string? after) =>
        activity.Prepare(new Actor(run.CreatedBy, run.CreatedByName), run.TeamId, action, CodeGenerationService.TargetType, run.Id,
            CodeGenerationService.Describe(run), null, after);
}

/// <summary>
/// A worker's claim on one run. Progress, heartbeats and the final write go through it one at a time, each a
/// conditional write on the revision the previous one left; a write that finds the item moved means another worker
/// took the run over, and throws <see cref="LeaseLostException"/>.
/// </summary>
public sealed class RunLease
{
    private readonly CodeGenerationJobs _jobs;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DocumentItem _item;
    private DateTimeOffset _lastProgress = DateTimeOffset.MinValue;

    internal RunLease(CodeGenerationJobs jobs, DocumentItem item, CodeGenerationRun run)
    {
        _jobs = jobs;
        _item = item;
        Run = run;
    }

    public CodeGenerationRun Run { get; private set; }

    /// <summary>Writes and publishes progress, at most once per ProgressInterval unless <paramref name="force"/>.</summary>
    public async Task ReportProgressAsync(int done, int total, string? file, bool force, CancellationToken ct)
    {
        var now = _jobs.Time.GetUtcNow();
        if (!force && now - _lastProgress < _jobs.Options.ProgressInterval) return;
        _lastProgress = now;
        var run = await ChangeAsync(r => r with { Progress = new CodeGenerationProgress(done, total, file), UpdatedAt = now, Lease = Renewed(r, now) }, [], ct);
        await CodeGenerationNotices.PublishAsync(_jobs.Bus, run, ct);
    }

    /// <summary>Renews the claim for another visibility timeout.</summary>
    public Task HeartbeatAsync(CancellationToken ct)
    {
        var now = _jobs.Time.GetUtcNow();
        return ChangeAsync(r => r with { Lease = Renewed(r, now) }, [], ct);
    }

    /// <summary>Running → succeeded, owing the activity record and the completion notice with its download link.</summary>
    public Task SucceedAsync(CodeGenerationArchive archive, IReadOnlyList<GeneratedFileEntry> files, CancellationToken ct)
    {
        var now = _jobs.Time.GetUtcNow();
        var next = Run with
        {
            Status = CodeGenerationStatus.Succeeded, FinishedAt = now, UpdatedAt = now, Archive = archive, Files = files, Lease = null, Error = null,
            Progress = new CodeGenerationProgress(files.Count, files.Count, null),
        };
        var record = _jobs.Prepare(next, ActivityActions.CodeGenerationSucceeded, $"{archive.FileCount} files, {archive.Size} bytes, SHA-256 {archive.Sha256}");
        return ChangeAsync(_ => next, [new RecordActivity(record), CodeGenerationNotices.Changed(next)], ct);
    }

    /// <summary>
    /// Records a failed attempt: the run goes back to queued with the reason (the message comes back), or, on the last
    /// attempt the queue allows, to failed with the reason, owing its activity record and notice.
    /// </summary>
    public Task FailAsync(string reason, bool final, int attempt, int maxAttempts, CancellationToken ct)
    {
        var now = _jobs.Time.GetUtcNow();
        if (!final)
        {
            var again = Run with
            {
                Status = CodeGenerationStatus.Queued, Lease = null, UpdatedAt = now, Error = $"Attempt {attempt} of {maxAttempts} failed: {reason} Trying again.",
            };
            return ChangeAsync(_ => again, [CodeGenerationNotices.Changed(again)], ct);
        }
        var next = Run with { Status = CodeGenerationStatus.Failed, FinishedAt = now, UpdatedAt = now, Lease = null, Error = reason };
        var record = _jobs.Prepare(next, ActivityActions.CodeGenerationFailed, reason);
        return ChangeAsync(_ => next, [new RecordActivity(record), CodeGenerationNotices.Changed(next)], ct);
    }

    private CodeGenerationLease Renewed(CodeGenerationRun run, DateTimeOffset now) =>
        (run.Lease ?? throw new LeaseLostException(run.Id)) with { Until = now + _jobs.Options.VisibilityTimeout };

    private async Task<CodeGenerationRun> ChangeAsync(Func<CodeGenerationRun, CodeGenerationRun> change, IReadOnlyList<OwedEffect> effects, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var next = change(Run);
            try
            {
                _item = await _jobs.Records.ReplaceAsync(_item, next, effects, ct);
            }
            catch (ConditionalWriteFailedException)
            {
                throw new LeaseLostException(Run.Id);
            }
            Run = next;
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }
}
