using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using DevPlatform.Core.Storage.Aws;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// AWS mode: notifications go to SNS topics; each app instance owns one SQS queue subscribed (raw delivery) to
/// every topic, and <see cref="SnsFanOutListener"/> drains it into this instance's subscribers. So a change made on
/// one instance, or by a worker-only process, reaches the circuits of every instance.
/// </summary>
public sealed class SnsNotificationBus(
    SnsClient sns, IAmazonSQS sqs, AwsOptions options, TimeProvider time, NotificationDispatcher dispatcher, ILogger<SnsNotificationBus> logger)
    : INotificationBus, IBackendProbe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FanOutHeartbeat _heartbeat = new(sns, sqs, options, time, logger);
    private readonly ConcurrentDictionary<string, string> _topicArns = new();
    private readonly HashSet<string> _subscriptionArns = [];
    private readonly string _instanceQueueName = InstanceQueueName(options);
    private string? _instanceQueueUrl;
    // Start and stop can overlap when a host shuts down during start-up; they take turns.
    private readonly SemaphoreSlim _lifecycle = new(1, 1);

    public string Backend => "notifications";

    /// <summary>One call on a topic that exists; before set-up has ensured one, one page of ListTopics.</summary>
    public Task ProbeAsync(CancellationToken ct) =>
        _topicArns.Values.FirstOrDefault() is { } arn ? sns.GetTopicAttributesAsync(arn, ct) : sns.ListFirstTopicsAsync(ct);

    public async Task EnsureTopicsAsync(IEnumerable<string> topics, CancellationToken ct = default)
    {
        foreach (var topic in topics)
        {
            var name = options.Name(topic);
            var arn = options.CreateResources
                ? await sns.CreateTopicAsync(name, ct)
                : await sns.FindTopicAsync(name, ct) ?? throw new InvalidOperationException(
                    $"SNS topic '{name}' does not exist; create it or set Aws:CreateResources=true.");
            _topicArns[topic] = arn;
        }
    }

    public async Task PublishAsync(Notification notification, CancellationToken ct = default)
    {
        var attributes = new Dictionary<string, string>(notification.Attributes) { ["type"] = notification.Type };
        await sns.PublishAsync(TopicArn(notification.Topic), JsonSerializer.Serialize(notification, Json), attributes, ct);
    }

    public IDisposable Subscribe(string topic, Func<Notification, CancellationToken, Task> handler) =>
        dispatcher.Subscribe(topic, handler);

    /// <summary>Creates this instance's queue and subscribes it to every ensured topic.</summary>
    public async Task StartFanOutAsync(CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            await CreateAndSubscribeAsync(ct);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task CreateAndSubscribeAsync(CancellationToken ct)
    {
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = _instanceQueueName,
            // Events older than this are of no use to a live screen.
            Attributes = new() { ["MessageRetentionPeriod"] = "300" },
            // Tagged as it is created, so no other instance ever sees it without a heartbeat.
            Tags = _heartbeat.Tags(),
        }, ct)).QueueUrl;
        _instanceQueueUrl = url;
        var queueArn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct)).QueueARN;
        await sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["Policy"] = AllowTopicsPolicy(queueArn) }, ct);
        _subscriptionArns.Clear();
        foreach (var topicArn in _topicArns.Values)
            _subscriptionArns.Add(await sns.SubscribeQueueAsync(topicArn, queueArn, ct));
    }

    /// <summary>Marks this instance's queue alive and removes the queues of instances that stopped doing so.</summary>
    public async Task KeepAliveAsync(CancellationToken ct)
    {
        var url = _instanceQueueUrl ?? throw new InvalidOperationException("StartFanOutAsync was not called.");
        await _heartbeat.BeatAsync(url, ct);
        await _heartbeat.RemoveStaleQueuesAsync(url, _topicArns.Values, ct);
    }

    internal string? InstanceQueueUrl => _instanceQueueUrl;

    /// <summary>Receives one batch from the instance queue (long poll) and dispatches it.</summary>
    public async Task PollOnceAsync(CancellationToken ct)
    {
        var url = _instanceQueueUrl ?? throw new InvalidOperationException("StartFanOutAsync was not called.");
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 10, VisibilityTimeout = 30,
        }, ct);
        foreach (var message in response.Messages ?? [])
        {
            var notification = Parse(message.Body);
            if (notification is not null) await dispatcher.DispatchAsync(notification, ct);
            await sqs.DeleteMessageAsync(url, message.ReceiptHandle, ct);
        }
    }

    /// <summary>Unsubscribes and deletes this instance's queue, so a stopped instance leaves nothing behind.</summary>
    public async Task StopFanOutAsync(CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            foreach (var arn in _subscriptionArns) await _heartbeat.UnsubscribeAsync(arn, ct);
            _subscriptionArns.Clear();
            if (_instanceQueueUrl is not null) await _heartbeat.DeleteQueueAsync(_instanceQueueUrl, ct);
            _instanceQueueUrl = null;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private Notification? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<Notification>(body, Json);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Dropped a fan-out message that is not a notification");
            return null;
        }
    }

    /// <summary>The topics this instance made or found at start-up.</summary>
    public IReadOnlyCollection<string> KnownTopics => _topicArns.Keys.ToList();

    public string TopicArnOf(string topic) => TopicArn(topic);

    private string TopicArn(string topic) =>
        _topicArns.TryGetValue(topic, out var arn)
            ? arn
            : throw new InvalidOperationException($"Topic '{topic}' was not ensured; call EnsureTopicsAsync at start-up.");

    private string AllowTopicsPolicy(string queueArn) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Effect = "Allow",
                Principal = new { Service = "sns.amazonaws.com" },
                Action = "sqs:SendMessage",
                Resource = queueArn,
                Condition = new { ArnLike = new Dictionary<string, string> { ["aws:SourceArn"] = $"arn:aws:sns:*:*:{options.ResourcePrefix}*" } },
            },
        },
    });

    private static string InstanceQueueName(AwsOptions options)
    {
        var machine = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(20).ToArray());
        return $"{FanOutHeartbeat.QueueNamePrefix(options)}{machine}-{Guid.NewGuid().ToString("N")[..8]}";
    }
}
