using System.Globalization;
using System.Threading.Channels;
using Amazon.SQS;
using Amazon.SQS.Model;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Aws;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Storage.Notifications.Aws;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevPlatform.Tests.Storage.Aws;

/// <summary>Fan-out queues of instances that died without cleaning up, on SNS and SQS (fauxqs).</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SnsFanOutCleanupTests(AwsEmulators emulators) : IAsyncLifetime
{
    private static readonly string[] TopicNames = ["deployment-status", "team-invitations"];
    private static readonly HttpClient Http = new();
    private readonly AwsOptions _options = emulators.Options($"f{Guid.NewGuid().ToString("N")[..10]}-");
    private readonly List<SnsNotificationBus> _buses = [];
    private readonly List<SnsFanOutListener> _listeners = [];
    private IAmazonSQS _sqs = null!;
    private SnsClient _sns = null!;

    public Task InitializeAsync()
    {
        _sqs = AwsClientFactory.Sqs(_options);
        _sns = new SnsClient(Http, _options, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var listener in _listeners) await listener.StopAsync(CancellationToken.None);
        foreach (var bus in _buses) await bus.StopFanOutAsync(CancellationToken.None);
        _sqs.Dispose();
    }

    [Fact]
    public async Task AStartingInstanceRemovesTheQueueAndSubscriptionsOfADeadOneAndKeepsALiveOne()
    {
        var dead = await StartedBusAsync();
        var alive = await StartedBusAsync();
        await TagHeartbeatAsync(dead.InstanceQueueUrl!, DateTimeOffset.UtcNow.AddHours(-1));
        var (deadArn, aliveArn) = (await QueueArnAsync(dead.InstanceQueueUrl!), await QueueArnAsync(alive.InstanceQueueUrl!));

        var starting = await ListeningBusAsync(TimeProvider.System);
        await WaitUntilAsync(async () => !(await InstanceQueuesAsync()).Contains(dead.InstanceQueueUrl!));

        var queues = await InstanceQueuesAsync();
        var endpoints = await SubscribedEndpointsAsync();
        Assert.Contains(alive.InstanceQueueUrl!, queues);
        Assert.Contains(starting.InstanceQueueUrl!, queues);
        Assert.DoesNotContain(deadArn, endpoints);
        Assert.Equal(TopicNames.Length, endpoints.Count(e => e == aliveArn));
    }

    [Fact]
    public async Task AnUntaggedQueueFromAnEarlierVersionIsJudgedByItsAge()
    {
        var legacyUrl = (await _sqs.CreateQueueAsync(FanOutHeartbeat.QueueNamePrefix(_options) + "legacy")).QueueUrl;
        var anHourLater = new ShiftedTime(TimeSpan.FromHours(1));

        var starting = await StartedBusAsync(anHourLater);
        await starting.KeepAliveAsync(CancellationToken.None);

        Assert.DoesNotContain(legacyUrl, await InstanceQueuesAsync());
    }

    [Fact]
    public async Task AQueueCarriesAHeartbeatFromTheMomentItIsCreated()
    {
        var bus = await StartedBusAsync();

        Assert.InRange(await HeartbeatAsync(bus.InstanceQueueUrl!), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task KeepingAliveMovesTheHeartbeatForward()
    {
        var bus = await StartedBusAsync();
        await TagHeartbeatAsync(bus.InstanceQueueUrl!, DateTimeOffset.UtcNow.AddHours(-1));

        await bus.KeepAliveAsync(CancellationToken.None);

        Assert.InRange(await HeartbeatAsync(bus.InstanceQueueUrl!), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task AnInstanceWhoseQueueWasRemovedAsDeadCreatesItAgainAndKeepsReceiving()
    {
        var bus = await ListeningBusAsync(TimeProvider.System);
        var received = Channel.CreateUnbounded<string>();
        using var subscription = bus.Subscribe("team-invitations", (n, _) => received.Writer.WriteAsync(n.Type).AsTask());
        var removedUrl = bus.InstanceQueueUrl!;
        await _sqs.DeleteQueueAsync(removedUrl);

        // Published until heard: the listener notices the removal only on its next receive.
        await WaitUntilAsync(async () =>
        {
            await bus.PublishAsync(new Notification("team-invitations", "invited", "{}"));
            return received.Reader.TryRead(out _);
        });

        Assert.Contains(removedUrl, await InstanceQueuesAsync());
    }

    private async Task<SnsNotificationBus> StartedBusAsync(TimeProvider? time = null)
    {
        var bus = await NewBusAsync(time ?? TimeProvider.System);
        await bus.StartFanOutAsync(CancellationToken.None);
        return bus;
    }

    /// <summary>A bus driven by its listener, as the app runs it; returns once its queue exists.</summary>
    private async Task<SnsNotificationBus> ListeningBusAsync(TimeProvider time)
    {
        var bus = await NewBusAsync(time);
        var readiness = new StorageReadiness();
        readiness.MarkReady();
        var listener = new SnsFanOutListener(bus, readiness, _options, time, NullLogger<SnsFanOutListener>.Instance);
        _listeners.Add(listener);
        await listener.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(bus.InstanceQueueUrl is not null));
        return bus;
    }

    private async Task<SnsNotificationBus> NewBusAsync(TimeProvider time)
    {
        var bus = new SnsNotificationBus(_sns, _sqs, _options, time,
            new NotificationDispatcher(NullLogger<NotificationDispatcher>.Instance), NullLogger<SnsNotificationBus>.Instance);
        _buses.Add(bus);
        await bus.EnsureTopicsAsync(TopicNames);
        return bus;
    }

    private Task TagHeartbeatAsync(string queueUrl, DateTimeOffset at) => _sqs.TagQueueAsync(new TagQueueRequest
    {
        QueueUrl = queueUrl,
        Tags = new() { [FanOutHeartbeat.Tag] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
    });

    private async Task<DateTimeOffset> HeartbeatAsync(string queueUrl)
    {
        var tags = (await _sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = queueUrl })).Tags ?? [];
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(tags[FanOutHeartbeat.Tag], CultureInfo.InvariantCulture));
    }

    private async Task<string> QueueArnAsync(string url) => (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;

    private async Task<List<string>> InstanceQueuesAsync() =>
        (await _sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = FanOutHeartbeat.QueueNamePrefix(_options) })).QueueUrls ?? [];

    private async Task<List<string>> SubscribedEndpointsAsync()
    {
        var endpoints = new List<string>();
        foreach (var topic in TopicNames)
        {
            var arn = await _sns.FindTopicAsync(_options.Name(topic), CancellationToken.None)
                ?? throw new InvalidOperationException($"Topic {topic} is missing.");
            endpoints.AddRange((await _sns.ListSubscriptionsByTopicAsync(arn, CancellationToken.None)).Select(s => s.Endpoint));
        }
        return endpoints;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true within 30 s.");
            await Task.Delay(200);
        }
    }

    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
    }
}
