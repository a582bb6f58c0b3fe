namespace DevPlatform.Core.Storage.Notifications;

/// <summary>An event published to a topic. <see cref="Payload"/> is JSON; attributes are small strings for filtering.</summary>
public sealed record Notification(string Topic, string Type, string Payload)
{
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
