namespace DevPlatform.Core.Storage.Notifications;

/// <summary>
/// Publish/subscribe across every instance of the app: in embedded mode within the process, in AWS mode through
/// SNS topics fanned out to one SQS queue per instance. Handlers run on a background thread.
/// </summary>
public interface INotificationBus
{
    /// <summary>Creates the topics (and, in AWS mode, this instance's subscription queue) that do not exist yet.</summary>
    Task EnsureTopicsAsync(IEnumerable<string> topics, CancellationToken ct = default);

    Task PublishAsync(Notification notification, CancellationToken ct = default);

    /// <summary>Calls the handler for every notification on the topic until the returned subscription is disposed.</summary>
    IDisposable Subscribe(string topic, Func<Notification, CancellationToken, Task> handler);
}
