namespace DevPlatform.Core.Storage.Notifications;

/// <summary>
/// Email delivery of topic notifications: in AWS mode, email subscriptions to the SNS topics, each with a filter policy
/// so a person receives only what concerns them. The embedded mode has no mail channel.
/// </summary>
public interface IEmailChannel
{
    bool Available { get; }

    /// <summary>
    /// Makes <paramref name="email"/>'s subscriptions match <paramref name="wanted"/> (topic → filter policy JSON): subscribes
    /// to topics missing one, updates filters, and unsubscribes from topics not wanted — for this address and for
    /// <paramref name="previousEmail"/>, the address used before. Idempotent.
    /// </summary>
    Task SyncAsync(string? email, string? previousEmail, IReadOnlyDictionary<string, string> wanted, CancellationToken ct);
}

/// <summary>The embedded mode: no mail is sent; the Settings page says so.</summary>
public sealed class NoEmailChannel : IEmailChannel
{
    public bool Available => false;

    public Task SyncAsync(string? email, string? previousEmail, IReadOnlyDictionary<string, string> wanted, CancellationToken ct) => Task.CompletedTask;
}
