namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// Email subscriptions on the app's SNS topics. A subscription SNS has not had confirmed yet has no ARN to change or
/// remove ("PendingConfirmation"): it is left alone, and SNS drops it after three days unconfirmed.
/// </summary>
public sealed class SnsEmailChannel(SnsClient sns, SnsNotificationBus bus) : IEmailChannel
{
    private const string Pending = "PendingConfirmation";

    public bool Available => true;

    public async Task SyncAsync(string? email, string? previousEmail, IReadOnlyDictionary<string, string> wanted, CancellationToken ct)
    {
        foreach (var topic in bus.KnownTopics)
        {
            var arn = bus.TopicArnOf(topic);
            var mine = (await sns.ListSubscriptionsByTopicAsync(arn, ct))
                .Where(s => s.Protocol == "email" && (Same(s.Endpoint, email) || Same(s.Endpoint, previousEmail))).ToList();
            var keep = email is not null && wanted.TryGetValue(topic, out var policy) ? policy : null;
            foreach (var subscription in mine.Where(s => s.SubscriptionArn != Pending))
            {
                if (keep is not null && Same(subscription.Endpoint, email)) await sns.SetFilterPolicyAsync(subscription.SubscriptionArn, keep, ct);
                else await sns.UnsubscribeAsync(subscription.SubscriptionArn, ct);
            }
            if (keep is not null && !mine.Any(s => Same(s.Endpoint, email))) await sns.SubscribeEmailAsync(arn, email!, keep, ct);
        }
    }

    private static bool Same(string endpoint, string? email) => email is not null && string.Equals(endpoint, email, StringComparison.OrdinalIgnoreCase);
}
