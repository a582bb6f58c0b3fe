using System.Collections.Immutable;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Activity;

/// <summary>
/// The one cross-circuit event stream for live screens: a single subscription to the activity topic, fanned out
/// to per-team listeners. Each listener holds an <see cref="IDisposable"/> and must dispose it (a Blazor component
/// does so in Dispose), or every closed circuit would stay referenced here.
/// </summary>
public sealed class ActivityFeed : IDisposable
{
    private readonly IDisposable _topicSubscription;
    private readonly ILogger<ActivityFeed> _logger;
    private ImmutableList<Listener> _listeners = [];

    public ActivityFeed(INotificationBus notifications, ILogger<ActivityFeed> logger)
    {
        _logger = logger;
        _topicSubscription = notifications.Subscribe(Topics.Activity, OnNotificationAsync);
    }

    public int ListenerCount => _listeners.Count;

    public IDisposable Subscribe(string teamId, Func<ActivityRecord, Task> onActivity)
    {
        var listener = new Listener(this, teamId, onActivity);
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(listener));
        return listener;
    }

    public void Dispose() => _topicSubscription.Dispose();

    private async Task OnNotificationAsync(Notification notification, CancellationToken ct)
    {
        var record = DocumentJson.Deserialize<ActivityRecord>(notification.Payload);
        foreach (var listener in _listeners.Where(l => l.TeamId == record.TeamId))
        {
            try
            {
                await listener.OnActivity(record);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "An activity listener for team {TeamId} failed", record.TeamId);
            }
        }
    }

    private sealed class Listener(ActivityFeed owner, string teamId, Func<ActivityRecord, Task> onActivity) : IDisposable
    {
        public string TeamId => teamId;
        public Func<ActivityRecord, Task> OnActivity => onActivity;

        public void Dispose() => ImmutableInterlocked.Update(ref owner._listeners, l => l.Remove(this));
    }
}
