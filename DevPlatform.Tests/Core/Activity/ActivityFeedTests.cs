using System.Collections.Concurrent;
using System.Threading.Channels;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevPlatform.Tests.Core.Activity;

public sealed class ActivityFeedTests : IDisposable
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(10);

    private readonly RecordingLogger _log = new();
    private readonly AwaitingNotificationBus _bus = new();
    private readonly ActivityFeed _feed;

    public ActivityFeedTests() => _feed = new ActivityFeed(_bus, _log);

    public void Dispose() => _feed.Dispose();

    [Fact]
    public async Task OneStuckListenerDelaysNeitherThePublisherNorAnotherListener()
    {
        var stuck = new TaskCompletionSource();
        using var a = _feed.Subscribe("team-1", _ => stuck.Task);
        var received = new Inbox();
        using var b = _feed.Subscribe("team-1", received.AddAsync);

        // The bus awaits the feed's handler, as the SNS listener does before it deletes the message.
        await _bus.PublishAsync(Event("team-1", "first")).WaitAsync(Promptly);
        await _bus.PublishAsync(Event("team-1", "second")).WaitAsync(Promptly);

        Assert.Equal("first", (await received.NextAsync()).TargetName);
        Assert.Equal("second", (await received.NextAsync()).TargetName);
    }

    [Fact]
    public async Task AListenerHearsOnlyItsOwnTeam()
    {
        var received = new Inbox();
        using var listener = _feed.Subscribe("team-1", received.AddAsync);

        await _bus.PublishAsync(Event("team-2", "theirs")).WaitAsync(Promptly);
        await _bus.PublishAsync(Event("team-1", "ours")).WaitAsync(Promptly);

        Assert.Equal("ours", (await received.NextAsync()).TargetName);
        Assert.Equal(0, received.Count);
    }

    [Fact]
    public async Task AListenerThatFallsBehindGetsTheNewestEventsAndTheDropsAreLogged()
    {
        var busy = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var received = new ConcurrentQueue<string>();
        using var listener = _feed.Subscribe("team-1", async r =>
        {
            received.Enqueue(r.TargetName);
            busy.TrySetResult();
            await release.Task;
        });
        await _bus.PublishAsync(Event("team-1", "0")).WaitAsync(Promptly);
        await busy.Task.WaitAsync(Eventually);
        const int behind = ActivityFeed.ListenerCapacity + 5;

        for (var i = 1; i <= behind; i++) await _bus.PublishAsync(Event("team-1", i.ToString())).WaitAsync(Promptly);
        release.SetResult();

        var expected = new[] { "0" }.Concat(Enumerable.Range(6, ActivityFeed.ListenerCapacity).Select(i => i.ToString())).ToList();
        await WaitUntilAsync(() => received.Count == expected.Count);
        Assert.Equal(expected, received);
        Assert.Equal(5, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains($"fell {ActivityFeed.ListenerCapacity} events behind")));
    }

    [Fact]
    public async Task AFailingListenerIsLoggedAndStillGetsTheNextEvent()
    {
        var received = new Inbox();
        using var listener = _feed.Subscribe("team-1", async r =>
        {
            await received.AddAsync(r);
            if (r.TargetName == "bad") throw new InvalidOperationException("screen bug");
        });

        await _bus.PublishAsync(Event("team-1", "bad")).WaitAsync(Promptly);
        await _bus.PublishAsync(Event("team-1", "good")).WaitAsync(Promptly);

        Assert.Equal("bad", (await received.NextAsync()).TargetName);
        Assert.Equal("good", (await received.NextAsync()).TargetName);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "screen bug");
    }

    [Fact]
    public async Task ADisposedListenerIsRemovedAndHearsNothingMore()
    {
        var heardByDisposed = new ConcurrentQueue<ActivityRecord>();
        var disposed = _feed.Subscribe("team-1", r => { heardByDisposed.Enqueue(r); return Task.CompletedTask; });
        var received = new Inbox();
        using var other = _feed.Subscribe("team-1", received.AddAsync);

        disposed.Dispose();
        await _bus.PublishAsync(Event("team-1", "after")).WaitAsync(Promptly);

        Assert.Equal("after", (await received.NextAsync()).TargetName);
        Assert.Empty(heardByDisposed);
        Assert.Equal(1, _feed.ListenerCount);
    }

    private static Notification Event(string teamId, string targetName)
    {
        var record = new ActivityRecord(Ids.New("act"), teamId, "ana", "Ana", ActivityActions.ProjectUpdated, "project", "prj_1",
            targetName, DateTimeOffset.UtcNow, null, null);
        return new Notification(Topics.Activity, record.Action, DocumentJson.Serialize(record));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Eventually;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    /// <summary>What a listener received, to await one at a time.</summary>
    private sealed class Inbox
    {
        private readonly Channel<ActivityRecord> _records = Channel.CreateUnbounded<ActivityRecord>();

        public int Count => _records.Reader.Count;

        public Task AddAsync(ActivityRecord record) => _records.Writer.WriteAsync(record).AsTask();

        public async Task<ActivityRecord> NextAsync() => await _records.Reader.ReadAsync().AsTask().WaitAsync(Eventually);
    }

    /// <summary>A bus whose publish awaits every subscriber, as the SNS fan-out listener does before deleting a message.</summary>
    private sealed class AwaitingNotificationBus : INotificationBus
    {
        private readonly NotificationDispatcher _dispatcher = new(NullLogger<NotificationDispatcher>.Instance);

        public Task EnsureTopicsAsync(IEnumerable<string> topics, CancellationToken ct = default) => Task.CompletedTask;

        public Task PublishAsync(Notification notification, CancellationToken ct = default) => _dispatcher.DispatchAsync(notification, ct);

        public IDisposable Subscribe(string topic, Func<Notification, CancellationToken, Task> handler) => _dispatcher.Subscribe(topic, handler);
    }

    private sealed class RecordingLogger : ILogger<ActivityFeed>
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
