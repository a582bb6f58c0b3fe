using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications;

/// <summary>The in-process half of every bus: holds subscriptions and delivers a notification to each of them.</summary>
public sealed class NotificationDispatcher(ILogger<NotificationDispatcher> logger)
{
    private ImmutableList<Subscription> _subscriptions = [];

    public IDisposable Subscribe(string topic, Func<Notification, CancellationToken, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>A failing handler is logged and does not keep the notification from the others.</summary>
    public async Task DispatchAsync(Notification notification, CancellationToken ct)
    {
        foreach (var subscription in _subscriptions.Where(s => s.Topic == notification.Topic))
        {
            try
            {
                await subscription.Handler(notification, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "A subscriber of {Topic} failed on a {Type} notification", notification.Topic, notification.Type);
            }
        }
    }

    private sealed class Subscription(NotificationDispatcher owner, string topic, Func<Notification, CancellationToken, Task> handler) : IDisposable
    {
        public string Topic => topic;
        public Func<Notification, CancellationToken, Task> Handler => handler;

        public void Dispose() => ImmutableInterlocked.Update(ref owner._subscriptions, list => list.Remove(this));
    }
}
