namespace DevPlatform.Core.Storage.Notifications.Local;

/// <summary>Embedded mode: one process, so publishing is delivering. Handlers run off the publisher's call.</summary>
public sealed class InProcessNotificationBus(NotificationDispatcher dispatcher) : INotificationBus, IBackendProbe
{
    public string Backend => "notifications";

    public Task ProbeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task EnsureTopicsAsync(IEnumerable<string> topics, CancellationToken ct = default) => Task.CompletedTask;

    public Task PublishAsync(Notification notification, CancellationToken ct = default)
    {
        // Not awaited: a publisher (a web request) must not wait for, or fail with, every subscriber.
        _ = Task.Run(() => dispatcher.DispatchAsync(notification, CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Func<Notification, CancellationToken, Task> handler) =>
        dispatcher.Subscribe(topic, handler);
}
