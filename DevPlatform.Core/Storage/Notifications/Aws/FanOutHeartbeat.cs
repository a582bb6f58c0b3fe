using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using DevPlatform.Core.Storage.Aws;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// An instance that stops cleanly deletes its fan-out queue; one that crashes cannot, and SNS would keep copying every
/// event into its queue for ever. So each live instance tags its queue with a heartbeat (unix seconds) and removes
/// the queues, and their subscriptions, of instances whose heartbeat is older than <see cref="AwsOptions.FanOutStaleAfterSeconds"/>.
/// Queue tags rather than a table: the state belongs to the queue, goes away with it, and needs no other resource.
/// </summary>
internal sealed class FanOutHeartbeat(SnsClient sns, IAmazonSQS sqs, AwsOptions options, TimeProvider time, ILogger logger)
{
    public const string Tag = "heartbeat";

    public static string QueueNamePrefix(AwsOptions options) => options.ResourcePrefix + "events-";

    public Dictionary<string, string> Tags() =>
        new() { [Tag] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };

    public Task BeatAsync(string queueUrl, CancellationToken ct) =>
        sqs.TagQueueAsync(new TagQueueRequest { QueueUrl = queueUrl, Tags = Tags() }, ct);

    /// <summary>Removes other instances' stale queues and their subscriptions to the topics; returns how many queues.</summary>
    public async Task<int> RemoveStaleQueuesAsync(string? ownQueueUrl, IEnumerable<string> topicArns, CancellationToken ct)
    {
        var stale = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in await ListInstanceQueuesAsync(ct))
            if (url != ownQueueUrl && await StaleQueueArnAsync(url, ct) is { } arn) stale[arn] = url;
        if (stale.Count == 0) return 0;

        // Unsubscribe first, so SNS stops delivering before the queue goes.
        foreach (var topicArn in topicArns)
            foreach (var subscription in await sns.ListSubscriptionsByTopicAsync(topicArn, ct))
                if (stale.ContainsKey(subscription.Endpoint)) await UnsubscribeAsync(subscription.SubscriptionArn, ct);
        foreach (var (arn, url) in stale)
        {
            await DeleteQueueAsync(url, ct);
            logger.LogInformation("Removed fan-out queue {QueueArn} of an instance that stopped without cleaning up", arn);
        }
        return stale.Count;
    }

    public async Task UnsubscribeAsync(string subscriptionArn, CancellationToken ct)
    {
        try
        {
            await sns.UnsubscribeAsync(subscriptionArn, ct);
        }
        catch (SnsException e) when (e.Code == "NotFound")
        {
            // Another instance removed it first.
        }
    }

    private async Task<List<string>> ListInstanceQueuesAsync(CancellationToken ct)
    {
        var urls = new List<string>();
        var request = new ListQueuesRequest { QueueNamePrefix = QueueNamePrefix(options), MaxResults = 1000 };
        do
        {
            var page = await sqs.ListQueuesAsync(request, ct);
            urls.AddRange(page.QueueUrls ?? []);
            request.NextToken = page.NextToken;
        } while (!string.IsNullOrEmpty(request.NextToken));
        return urls;
    }

    /// <returns>The queue's ARN when its heartbeat (or, untagged, its creation) is older than the limit; else null.</returns>
    private async Task<string?> StaleQueueArnAsync(string url, CancellationToken ct)
    {
        try
        {
            var tags = (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, ct)).Tags;
            var heartbeat = tags?.GetValueOrDefault(Tag);
            if (heartbeat is not null && !IsStale(heartbeat)) return null;
            var attributes = await sqs.GetQueueAttributesAsync(url, ["QueueArn", "CreatedTimestamp"], ct);
            // A queue without a heartbeat was made by a version before heartbeats; its age stands in for one.
            var stale = heartbeat is not null || IsStale(attributes.Attributes?.GetValueOrDefault("CreatedTimestamp"));
            return stale ? attributes.QueueARN : null;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
    }

    private bool IsStale(string? unixSeconds) =>
        long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && time.GetUtcNow().ToUnixTimeSeconds() - seconds > options.FanOutStaleAfterSeconds;

    public async Task DeleteQueueAsync(string url, CancellationToken ct)
    {
        try
        {
            await sqs.DeleteQueueAsync(url, ct);
        }
        catch (QueueDoesNotExistException)
        {
            // Another instance removed it first.
        }
    }
}
