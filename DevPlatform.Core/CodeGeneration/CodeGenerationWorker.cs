using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Common;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Runs code-generation jobs from the queue: claim the run (a conditional write; a duplicate or late message finds it
/// finished or claimed and is deleted), generate, stream the zip to its fixed key, record size and SHA-256, succeed (a
/// conditional write), and only then delete the message. A failed attempt leaves the message to come back; on the
/// queue's last receive the run fails with the reason, and the message moves to the dead-letter queue. A worker that dies
/// mid-run leaves its claim to lapse with the message's visibility, and another worker takes the run over.
/// </summary>
public sealed class CodeGenerationWorker(IMessageQueue queue, CodeGenerationJobs jobs, ISchemaSource schemas, IBlobStore blobs, StorageReadiness readiness,
    StorageCatalog catalog, IOptions<CodeGenerationOptions> options, TimeProvider time, ILogger<CodeGenerationWorker> logger) : BackgroundService
{
    private const string Queue = CodeGenerationEffects.Queue;

    /// <summary>This worker's name on the claims it makes: the machine and a random part, so two processes never share one.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker) return;
        await readiness.WaitAsync(stoppingToken);
        var maxReceives = catalog.Queues.First(q => q.Name == Queue).MaxReceiveCount;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => Task.Run(() => LoopAsync(maxReceives, stoppingToken), stoppingToken)));
    }

    private async Task LoopAsync(int maxReceives, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = await queue.ReceiveAsync(Queue, 1, options.Value.VisibilityTimeout, options.Value.PollWait, stoppingToken);
                foreach (var message in messages) await HandleAsync(message, maxReceives, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A backend outage must not stop the worker; the message (if any) comes back after its visibility timeout.
                logger.LogError(e, "The code-generation worker failed to receive or settle a message; trying again shortly");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    internal async Task HandleAsync(QueueMessage message, int maxReceives, CancellationToken stoppingToken)
    {
        if (Read(message.Body) is not { } body)
        {
            // Nothing to mark failed: the message goes to the dead-letter queue after its receives, for someone to look at.
            logger.LogError("Code-generation message {MessageId} is not readable; it will move to the dead-letter queue", message.MessageId);
            return;
        }
        var claim = await jobs.ClaimAsync(body.RunId, WorkerId, message.MessageId, stoppingToken);
        if (claim.Lease is not { } lease)
        {
            logger.LogInformation("Code-generation run {RunId}: {Outcome}; message {MessageId} not run", body.RunId, claim.Outcome, message.MessageId);
            if (claim.Outcome == ClaimOutcome.ClaimNotYetLapsed)
                await queue.ChangeVisibilityAsync(Queue, message.ReceiptHandle, claim.RetryAfter + TimeSpan.FromMilliseconds(200), CancellationToken.None);
            else if (claim.Outcome != ClaimOutcome.Contended) await queue.DeleteAsync(Queue, message.ReceiptHandle, CancellationToken.None);
            return;
        }
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(lease, message, heartbeatStop.Token);
        var succeeded = false;
        try
        {
            await RunAsync(lease, stoppingToken);
            succeeded = true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-run: the claim and the message lapse together, and another worker takes the run over.
        }
        catch (LeaseLostException e)
        {
            logger.LogWarning(e, "Stopped code-generation run {RunId}: another worker took it over", body.RunId);
        }
        catch (Exception e)
        {
            await StopAsync(heartbeatStop, heartbeat);
            await FailAttemptAsync(lease, message, maxReceives, e);
        }
        finally
        {
            await StopAsync(heartbeatStop, heartbeat);
        }
        // Deleted only once the run is recorded as succeeded; should this fail, the message comes back and finds it finished.
        if (succeeded) await queue.DeleteAsync(Queue, message.ReceiptHandle, CancellationToken.None);
    }

    private async Task RunAsync(RunLease lease, CancellationToken ct)
    {
        var run = lease.Run;
        var snapshot = await schemas.FindVersionAsync(run.SchemaId, run.SchemaVersion, ct)
            ?? throw new CodeGenerationException($"Version {run.SchemaVersion} of the schema \"{run.SchemaName}\" no longer exists (it or its project was deleted).");
        // The name recorded when the run was queued, so a retry produces the same bytes.
        var files = CodeGenerator.Generate(snapshot.Definition, new GenerationSettings(run.SchemaName, run.SchemaVersion), run.Targets);
        await lease.ReportProgressAsync(0, files.Count, null, force: true, ct);
        var key = CodeGenerationRecords.ArchiveKey(run.ProjectId, run.Id);
        var (size, sha) = await ArchiveUpload.StreamAsync(blobs, key, files,
            (done, file) => lease.ReportProgressAsync(done, files.Count, file.Path, force: false, ct), ct);
        var manifest = files.Select(f => new GeneratedFileEntry(f.Path, CodeArchive.ByteCount(f),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Content))))).ToList();
        await lease.SucceedAsync(new CodeGenerationArchive(key, size, sha, files.Count), manifest, ct);
        logger.LogInformation("Code-generation run {RunId} succeeded: {Files} files, {Size} bytes", run.Id, files.Count, size);
    }

    private async Task FailAttemptAsync(RunLease lease, QueueMessage message, int maxReceives, Exception error)
    {
        var reason = error is CodeGenerationException ? error.Message : $"An unexpected error stopped the run ({error.GetType().Name}); the server's log has the details.";
        if (error is CodeGenerationException) logger.LogWarning("Code-generation run {RunId} attempt {Attempt} failed: {Reason}", lease.Run.Id, message.ReceiveCount, reason);
        else logger.LogError(error, "Code-generation run {RunId} attempt {Attempt} failed", lease.Run.Id, message.ReceiveCount);
        var final = message.ReceiveCount >= maxReceives;
        try
        {
            await lease.FailAsync(reason, final, message.ReceiveCount, maxReceives, CancellationToken.None);
        }
        catch (LeaseLostException)
        {
            return;
        }
        // Never deleted on failure: it comes back after a pause, and after the last receive the queue moves it to the DLQ.
        var pause = final ? TimeSpan.Zero : options.Value.RetryDelay * message.ReceiveCount;
        await queue.ChangeVisibilityAsync(Queue, message.ReceiptHandle, pause, CancellationToken.None);
    }

    private async Task HeartbeatAsync(RunLease lease, QueueMessage message, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, ct);
                await queue.ChangeVisibilityAsync(Queue, message.ReceiptHandle, options.Value.VisibilityTimeout, ct);
                await lease.HeartbeatAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (LeaseLostException)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A heartbeat of code-generation run {RunId} failed; trying again at the next one", lease.Run.Id);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        await stop.CancelAsync();
        await heartbeat;
    }

    private static CodeGenerationMessage? Read(string body)
    {
        try
        {
            return DocumentJson.Deserialize<CodeGenerationMessage>(body) is { RunId.Length: > 0 } message ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
