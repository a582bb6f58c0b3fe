using System.IO.Compression;
using System.Security.Cryptography;
using DevPlatform.Core.Activity;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Aws;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>
/// Code-generation runs as jobs on both backends, with the worker driven message by message: the state machine's
/// conditional writes, duplicates, a worker stopped mid-run, poison messages, cancel and retry.
/// </summary>
public abstract class CodeGenerationJobTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private const string Queue = CodeGenerationEffects.Queue;
    private const int MaxReceives = 5;
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private ServiceHarness _harness = null!;
    private PausingBlobStore _blobs = null!;
    private TestSchemaSource _schemas = null!;
    private Project _project = null!;
    private string _schemaId = "";

    private CodeGenerationService Runs => _harness.Get<CodeGenerationService>();
    private IMessageQueue Messages => _harness.Get<IMessageQueue>();
    private CodeGenerationWorker Worker => _harness.Get<IEnumerable<IHostedService>>().OfType<CodeGenerationWorker>().Single();

    public async Task InitializeAsync()
    {
        var settings = emulators is null ? new Dictionary<string, string>() : ServiceHarness.AwsSettings(emulators, $"c{Guid.NewGuid().ToString("N")[..10]}-");
        settings["CodeGeneration:RunWorker"] = "false";
        settings["CodeGeneration:VisibilityTimeout"] = "00:00:01";
        settings["CodeGeneration:HeartbeatInterval"] = "00:00:00.300";
        settings["CodeGeneration:RetryDelay"] = "00:00:00";
        _harness = await new ServiceHarness(settings, services =>
        {
            services.AddSingleton<IBlobStore>(sp => _blobs = new PausingBlobStore(emulators is null
                ? sp.GetRequiredService<FileBlobStore>() : sp.GetRequiredService<S3BlobStore>()));
            services.AddSingleton<ISchemaSource>(sp => _schemas = new TestSchemaSource(sp.GetRequiredService<ProjectService>));
        }).StartAsync();
        var team = (await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
        _project = await _harness.Get<ProjectService>().CreateAsync(Ana, team, new ProjectInput("Shop", ""));
        _harness.Get<ISchemaSource>(); // made on first use: this sets _schemas
        _schemaId = _schemas.Add(_project.Id, team, "Shop", TestSchemas.Shop(), WithReviewReply(TestSchemas.Shop()));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AQueuedRunIsClaimedGeneratedStoredAndRecordedOnce()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 1, [CodeTarget.CSharp, CodeTarget.Sql]);
        Assert.Equal((CodeGenerationStatus.Queued, 1L), (queued.Status, queued.SchemaVersion));

        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);

        var run = await Runs.GetAsync(Ana, queued.Id);
        Assert.Equal((CodeGenerationStatus.Succeeded, 1, null), (run.Status, run.Attempts, run.Error));
        var archive = run.Archive!;
        Assert.Equal(CodeGenerationRecords.ArchiveKey(_project.Id, run.Id), archive.Key);
        await using (var stored = await _harness.Get<IBlobStore>().OpenReadAsync(archive.Key))
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal((archive.Size, archive.Sha256), ((long)copy.Length, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray()))));
            copy.Position = 0;
            using var zip = new ZipArchive(copy);
            Assert.Equal(run.Files!.Select(f => f.Path), zip.Entries.Select(e => e.FullName));
        }
        Assert.Contains("csharp/Shop.Api.csproj", run.Files!.Select(f => f.Path));
        Assert.Equal(archive.FileCount, run.Progress!.FilesDone);
        var history = await _harness.Get<ActivityLog>().ListForTargetAsync(CodeGenerationService.TargetType, run.Id, 10);
        Assert.Equal([ActivityActions.CodeGenerationSucceeded, ActivityActions.CodeGenerationQueued], history.Select(a => a.Action));
        Assert.Empty(await Messages.ReceiveAsync(Queue, 1, Visibility, TimeSpan.Zero));
    }

    [Fact]
    public async Task DuplicateAndLateMessagesNeverMakeASecondArchive()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, null, [CodeTarget.OpenApi]);
        await Messages.SendAsync(Queue, DocumentJson.Serialize(new CodeGenerationMessage(queued.Id)));

        var first = await ReceiveAsync();
        var second = await ReceiveAsync();
        await Worker.HandleAsync(first, MaxReceives, CancellationToken.None);
        await Worker.HandleAsync(second, MaxReceives, CancellationToken.None);
        await Messages.SendAsync(Queue, DocumentJson.Serialize(new CodeGenerationMessage(queued.Id)));
        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);

        var run = await Runs.GetAsync(Ana, queued.Id);
        Assert.Equal((CodeGenerationStatus.Succeeded, 1, 2L), (run.Status, run.Attempts, run.SchemaVersion));
        Assert.Equal(1, _blobs.Puts);
        await Task.Delay(Visibility + TimeSpan.FromMilliseconds(500));
        Assert.Empty(await Messages.ReceiveAsync(Queue, 1, Visibility, TimeSpan.Zero));
    }

    [Fact]
    public async Task ARunWhoseWorkerStoppedMidRunIsTakenOverAfterTheVisibilityTimeoutAndFinishesOnce()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 1, CodeGenerator.AllTargets.ToList());
        _blobs.HangNextPut = true;
        using var stopping = new CancellationTokenSource();

        var stopped = Worker.HandleAsync(await ReceiveAsync(), MaxReceives, stopping.Token);
        await WaitForAsync(async () => (await Runs.GetAsync(Ana, queued.Id)).Status == CodeGenerationStatus.Running);
        await stopping.CancelAsync();
        await stopped;
        Assert.Equal(CodeGenerationStatus.Running, (await Runs.GetAsync(Ana, queued.Id)).Status);
        // The queue's clock and the claim's may differ by a moment: a redelivery just before the claim lapses is put back.
        var second = _harness.Create<CodeGenerationWorker>();
        QueueMessage redelivered;
        do
        {
            redelivered = await ReceiveAsync(TimeSpan.FromSeconds(5));
            await second.HandleAsync(redelivered, MaxReceives, CancellationToken.None);
        } while ((await Runs.GetAsync(Ana, queued.Id)).Status == CodeGenerationStatus.Running);

        var run = await Runs.GetAsync(Ana, queued.Id);
        Assert.Equal((CodeGenerationStatus.Succeeded, 2), (run.Status, run.Attempts));
        Assert.Equal(1, _blobs.Puts);
        var history = await _harness.Get<ActivityLog>().ListForTargetAsync(CodeGenerationService.TargetType, run.Id, 10);
        Assert.Single(history, a => a.Action == ActivityActions.CodeGenerationSucceeded);
    }

    [Fact]
    public async Task APoisonMessageFailsTheRunWithTheReasonAndEndsInTheDeadLetterQueue()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 1, [CodeTarget.Sql]);
        _schemas.Remove(_schemaId);

        for (var receive = 1; receive <= MaxReceives; receive++)
        {
            var message = await ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(receive, message.ReceiveCount);
            await Worker.HandleAsync(message, MaxReceives, CancellationToken.None);
            var run = await Runs.GetAsync(Ana, queued.Id);
            Assert.Equal(receive < MaxReceives ? CodeGenerationStatus.Queued : CodeGenerationStatus.Failed, run.Status);
        }

        var failed = await Runs.GetAsync(Ana, queued.Id);
        Assert.Equal("Version 1 of the schema \"Shop\" no longer exists (it or its project was deleted).", failed.Error);
        Assert.Empty(await Messages.ReceiveAsync(Queue, 1, Visibility, TimeSpan.FromSeconds(1)));
        var dead = Assert.Single(await Messages.ReceiveAsync(Queue + "-dlq", 1, Visibility, TimeSpan.FromSeconds(3)));
        Assert.Contains(queued.Id, dead.Body);
        Assert.Equal(0, _blobs.Puts);
    }

    [Fact]
    public async Task AFailedRunIsRetriedUnderItsIdAndSucceeds()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 2, [CodeTarget.TypeScript]);
        var snapshot = await _schemas.FindVersionAsync(_schemaId, 2);
        _schemas.Remove(_schemaId);
        for (var receive = 1; receive <= MaxReceives; receive++) await Worker.HandleAsync(await ReceiveAsync(TimeSpan.FromSeconds(5)), MaxReceives, CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => Runs.CancelAsync(Ana, queued.Id));
        _schemas.Put(snapshot!);

        var retried = await Runs.RetryAsync(Ana, queued.Id);
        await Worker.HandleAsync(await ReceiveAsync(TimeSpan.FromSeconds(5)), MaxReceives, CancellationToken.None);

        Assert.Equal((CodeGenerationStatus.Queued, null), (retried.Status, retried.Error));
        var run = await Runs.GetAsync(Ana, queued.Id);
        Assert.Equal((CodeGenerationStatus.Succeeded, MaxReceives + 1), (run.Status, run.Attempts));
        await Assert.ThrowsAsync<ConflictException>(() => Runs.RetryAsync(Ana, queued.Id));
    }

    [Fact]
    public async Task ACancelledRunIsSkippedByTheWorker()
    {
        var queued = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, null, [CodeTarget.Sql]);

        var cancelled = await Runs.CancelAsync(Ana, queued.Id);
        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);

        Assert.Equal(CodeGenerationStatus.Cancelled, cancelled.Status);
        Assert.Equal(CodeGenerationStatus.Cancelled, (await Runs.GetAsync(Ana, queued.Id)).Status);
        Assert.Equal(0, _blobs.Puts);
        await Assert.ThrowsAsync<ConflictException>(() => Runs.GetDownloadUrlAsync(Ana, queued.Id));
        await Task.Delay(Visibility + TimeSpan.FromMilliseconds(500));
        Assert.Empty(await Messages.ReceiveAsync(Queue, 1, Visibility, TimeSpan.Zero));
    }

    [Fact]
    public async Task ADiffComparesWithThePreviousRunOfTheSameSchema()
    {
        var first = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 1, [CodeTarget.Sql, CodeTarget.CSharp]);
        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);
        var second = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, 2, [CodeTarget.Sql, CodeTarget.TypeScript]);
        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);

        var diff = await Runs.DiffAsync(Ana, second.Id, "sql/sqlite.sql");

        Assert.Equal((first.Id, 1L), (diff.PreviousRunId, diff.PreviousSchemaVersion));
        Assert.Contains("typescript/client.ts", diff.Added);
        Assert.Contains("csharp/Program.cs", diff.Removed);
        Assert.Equal(["sql/postgresql.sql", "sql/sqlite.sql"], diff.Changed);
        Assert.Contains("\n+    \"reply\" TEXT", diff.UnifiedDiff);
        Assert.StartsWith("--- v1/sql/sqlite.sql\n+++ v2/sql/sqlite.sql\n@@ ", diff.UnifiedDiff);
        var firstDiff = await Runs.DiffAsync(Ana, first.Id, null);
        Assert.Null(firstDiff.PreviousRunId);
    }

    [Fact]
    public async Task ACrashBetweenTheRunsWriteAndItsMessageIsCompletedByTheRepairPass()
    {
        var run = new CodeGenerationRun(Ids.New("cg"), _project.Id, _project.TeamId, _schemaId, "Shop", 1, [CodeTarget.Sql], CodeGenerationStatus.Queued,
            DateTimeOffset.UtcNow, Ana.UserId, Ana.DisplayName, DateTimeOffset.UtcNow);
        // The process "dies" right after the first write: written with its owed message, nothing run.
        await _harness.Get<IDocumentStore>().PutAsync(CodeGenerationRecords.Table,
            _harness.Get<OwedWorkRunner>().Owing(ItemOf(run), null, [new DispatchCodeGeneration(run.Id)]), WriteCondition.IfAbsent);
        Assert.Empty(await Messages.ReceiveAsync(Queue, 1, Visibility, TimeSpan.Zero));

        await _harness.Get<OwedWorkRunner>().RepairAsync(CodeGenerationRecords.Table, TimeSpan.Zero, CancellationToken.None);
        await Worker.HandleAsync(await ReceiveAsync(), MaxReceives, CancellationToken.None);

        Assert.Equal(CodeGenerationStatus.Succeeded, (await Runs.GetAsync(Ana, run.Id)).Status);
    }

    [Fact]
    public async Task OnlyMembersWhoMayRunCodeGenerationQueueRuns()
    {
        var bo = new Actor("bo", "Bo");
        await _harness.Get<TeamDirectory>().EnsureUserAsync(bo);

        await Assert.ThrowsAsync<NotFoundException>(() => Runs.EnqueueAsync(bo, _project.Id, _schemaId, null, [CodeTarget.Sql]));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Runs.EnqueueAsync(Ana, _project.Id, _schemaId, null, []));
        var run = await Runs.EnqueueAsync(Ana, _project.Id, _schemaId, null, [CodeTarget.Sql]);
        await Assert.ThrowsAsync<NotFoundException>(() => Runs.GetAsync(bo, run.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Runs.GetAsync(Ana, "cg_" + new string('0', 32)));
        Assert.Equal([run.Id], (await Runs.ListAsync(Ana, _project.Id, mine: true)).Items.Select(r => r.Id));
    }

    private DocumentItem ItemOf(CodeGenerationRun run) =>
        new(new DocumentKey($"CODEGEN#{run.Id}", "RUN"), DocumentJson.Serialize(run), 1)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"PROJECT#{run.ProjectId}", ["gsi1sk"] = $"{run.CreatedAt:O}#{run.Id}",
                ["gsi2pk"] = $"PROJECT#{run.ProjectId}#USER#{run.CreatedBy}", ["gsi2sk"] = $"{run.CreatedAt:O}#{run.Id}",
            },
        };

    private async Task<QueueMessage> ReceiveAsync(TimeSpan? wait = null) =>
        Assert.Single(await Messages.ReceiveAsync(Queue, 1, Visibility, wait ?? TimeSpan.FromSeconds(3)));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 20 s.");
            await Task.Delay(50);
        }
    }

    private static SchemaDefinition WithReviewReply(SchemaDefinition shop) => new(shop.Entities.Select(e => e.Name == "Review"
        ? e with { Fields = [.. e.Fields, new SchemaField("reply", FieldType.Text)] } : e).ToList());
}

public sealed class SqliteCodeGenerationJobTests() : CodeGenerationJobTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoCodeGenerationJobTests(AwsEmulators emulators) : CodeGenerationJobTests(emulators);
