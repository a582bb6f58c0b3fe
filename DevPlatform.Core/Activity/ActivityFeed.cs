using System.Collections.Immutable;
using System.Threading.Channels;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Activity;

/// <summary>
/// The one cross-circuit event stream for live screens: a single subscription to the activity topic, fanned out
/// to per-team listeners. Each listener has its own bounded queue and reader, so the topic's handler only enqueues
/// and returns: a slow or stuck screen delays nobody else, and upstream (the SNS fan-out queue) can delete the
/// message at once. Each listener holds an <see cref="IDisposable"/> and must dispose it, or every closed circuit
/// would stay referenced here; Blazor pages get that right by rendering <c>LiveUpdates</c> rather than calling
/// <see cref="Subscribe"/> themselves.
/// </summary>
public sealed class ActivityFeed : IDisposable
{
    /// <summary>
    /// Events a listener may fall behind by before the oldest are dropped. A live screen needs to know that something
    /// changed, not every step; a screen this far behind is stuck, and keeping more would only hold memory for it.
    /// </summary>
    internal const int ListenerCapacity = 32;

    private readonly IDisposable _topicSubscription;
    private readonly ILogger<ActivityFeed> _logger;
    private ImmutableList<Listener> _listeners = [];

    public ActivityFeed(INotificationBus notifications, ILogger<ActivityFeed> logger)
    {
        _logger = logger;
        _topicSubscription = notifications.Subscribe(Topics.Activity, OnNotificationAsync);
    }

    /// <summary>The listeners not yet disposed; tests use it to prove that closed screens leave nothing behind.</summary>
    internal int ListenerCount => _listeners.Count;

    /// <summary>
    /// Calls <paramref name="onActivity"/> for each activity of the team, one at a time and in order, on a background
    /// thread, until the returned subscription is disposed. A failing call is logged and the next event still comes.
    /// </summary>
    public IDisposable Subscribe(string teamId, Func<ActivityRecord, Task> onActivity)
    {
        var listener = new Listener(this, teamId, onActivity);
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(listener));
        listener.Start();
        return listener;
    }

    public void Dispose()
    {
        _topicSubscription.Dispose();
        foreach (var listener in _listeners) listener.Dispose();
    }

    private Task OnNotificationAsync(Notification notification, CancellationToken ct)
    {
        var record = DocumentJson.Deserialize<ActivityRecord>(notification.Payload);
        foreach (var listener in _listeners.Where(l => l.TeamId == record.TeamId)) listener.Post(record);
        return Task.CompletedTask;
    }

    private sealed class Listener : IDisposable
    {
        private readonly ActivityFeed _owner;
        private readonly Func<ActivityRecord, Task> _onActivity;
        private readonly Channel<ActivityRecord> _queue;
        private volatile bool _disposed;

        public Listener(ActivityFeed owner, string teamId, Func<ActivityRecord, Task> onActivity)
        {
            _owner = owner;
            _onActivity = onActivity;
            TeamId = teamId;
            _queue = Channel.CreateBounded<ActivityRecord>(
                new BoundedChannelOptions(ListenerCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped => owner._logger.LogWarning(
                    "A live screen of team {TeamId} fell {Capacity} events behind; dropped the {Action} of {TargetId}",
                    teamId, ListenerCapacity, dropped.Action, dropped.TargetId));
        }

        public string TeamId { get; }

        // Off the subscriber's synchronization context: a circuit's dispatcher must not run the loop.
        public void Start() => _ = Task.Run(ReadAsync);

        public void Post(ActivityRecord record) => _queue.Writer.TryWrite(record);

        public void Dispose()
        {
            _disposed = true;
            _queue.Writer.TryComplete();
            ImmutableInterlocked.Update(ref _owner._listeners, l => l.Remove(this));
        }

        private async Task ReadAsync()
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (!_disposed && _queue.Reader.TryRead(out var record))
                {
                    try
                    {
                        await _onActivity(record);
                    }
                    catch (Exception e)
                    {
                        // The loop is the boundary of this listener: log and keep serving it.
                        _owner._logger.LogError(e, "A live screen of team {TeamId} failed on the {Action} of {TargetId}",
                            TeamId, record.Action, record.TargetId);
                    }
                }
                if (_disposed) return;
            }
        }
    }
}
