using System.Collections.Concurrent;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>What every IMessageQueue must do; run against the SQLite queue and against SQS (fauxqs).</summary>
public abstract class MessageQueueContract(Func<StorageBackend> createBackend) : IAsyncLifetime
{
    private static readonly QueueDefinition Jobs = new("jobs", MaxReceiveCount: 2);
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan NoWait = TimeSpan.Zero;
    private StorageBackend _backend = null!;
    private IMessageQueue Queue => _backend.Queues;

    public async Task InitializeAsync()
    {
        _backend = createBackend();
        await Queue.EnsureQueuesAsync([Jobs]);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task EnsuringQueuesAgainKeepsTheirMessages()
    {
        await Queue.SendAsync(Jobs.Name, "kept");

        await Queue.EnsureQueuesAsync([Jobs]);

        Assert.Equal("kept", Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(2))).Body);
    }

    [Fact]
    public async Task AReceivedMessageIsHiddenThenVisibleAgainWithAHigherReceiveCount()
    {
        await Queue.SendAsync(Jobs.Name, "build 1");

        var first = Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, NoWait));
        var whileHidden = await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, NoWait);
        await Task.Delay(Visibility + TimeSpan.FromMilliseconds(600));
        var again = Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(2)));

        Assert.Equal(("build 1", 1), (first.Body, first.ReceiveCount));
        Assert.Empty(whileHidden);
        Assert.Equal((first.MessageId, 2), (again.MessageId, again.ReceiveCount));
    }

    [Fact]
    public async Task ADeletedMessageIsNotDeliveredAgain()
    {
        await Queue.SendAsync(Jobs.Name, "build 2");
        var message = Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, NoWait));

        await Queue.DeleteAsync(Jobs.Name, message.ReceiptHandle);
        await Task.Delay(Visibility + TimeSpan.FromMilliseconds(600));

        Assert.Empty(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, NoWait));
    }

    [Fact]
    public async Task AMessageLandsInTheDeadLetterQueueAfterMaxReceives()
    {
        await Queue.SendAsync(Jobs.Name, "poison");
        for (var i = 0; i < Jobs.MaxReceiveCount; i++)
        {
            Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(3)));
            await Task.Delay(Visibility + TimeSpan.FromMilliseconds(600));
        }

        var afterMax = await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(1));
        var dead = Assert.Single(await Queue.ReceiveAsync(Jobs.DeadLetterName, 1, Visibility, TimeSpan.FromSeconds(3)));

        Assert.Empty(afterMax);
        Assert.Equal("poison", dead.Body);
    }

    [Fact]
    public async Task ChangingVisibilityToZeroReleasesAMessageAtOnce()
    {
        await Queue.SendAsync(Jobs.Name, "retry me");
        var message = Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, TimeSpan.FromSeconds(30), NoWait));

        await Queue.ChangeVisibilityAsync(Jobs.Name, message.ReceiptHandle, TimeSpan.Zero);

        Assert.Single(await Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task ReceiveWaitsForAMessageSentDuringTheWait()
    {
        var receiving = Queue.ReceiveAsync(Jobs.Name, 1, Visibility, TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        await Queue.SendAsync(Jobs.Name, "late");

        Assert.Equal("late", Assert.Single(await receiving).Body);
    }

    [Fact]
    public async Task TenReceiversTogetherGetEveryMessageExactlyOnce()
    {
        var sent = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Queue.SendAsync(Jobs.Name, $"m{i}")));
        var received = new ConcurrentQueue<QueueMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(20);

        // Hidden for longer than the test runs, so a message handed out twice is a claiming bug, not a timeout.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            while (received.Count < sent.Length && DateTime.UtcNow < deadline)
                foreach (var message in await Queue.ReceiveAsync(Jobs.Name, 2, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1)))
                    received.Enqueue(message);
        }));

        Assert.Equal(sent.Order(), received.Select(m => m.MessageId).Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}").Order(), received.Select(m => m.Body).Order());
    }
}

public sealed class SqliteMessageQueueTests() : MessageQueueContract(() => new LocalBackend())
{
    [Fact]
    public async Task MessagesSurviveARestart()
    {
        var file = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"), "queues.db");
        var queue = new QueueDefinition("deployment", 3);
        var before = new DevPlatform.Core.Storage.Queues.Local.SqliteMessageQueue(new DevPlatform.Core.Storage.Local.SqliteDatabase(file), TimeProvider.System);
        await before.EnsureQueuesAsync([queue]);
        await before.SendAsync(queue.Name, "deploy v42");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var after = new DevPlatform.Core.Storage.Queues.Local.SqliteMessageQueue(new DevPlatform.Core.Storage.Local.SqliteDatabase(file), TimeProvider.System);
        await after.EnsureQueuesAsync([queue]);

        Assert.Equal("deploy v42", Assert.Single(await after.ReceiveAsync(queue.Name, 1, TimeSpan.FromSeconds(30), TimeSpan.Zero)).Body);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}

[Collection(AwsEmulatorCollection.Name)]
public sealed class SqsMessageQueueTests(AwsEmulators emulators) : MessageQueueContract(() => new AwsBackend(emulators));
