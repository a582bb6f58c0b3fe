using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using DevPlatform.Core.Storage.Aws;

namespace DevPlatform.Core.Storage.Queues.Aws;

/// <summary>Queues on SQS; each queue gets a "-dlq" queue and a redrive policy pointing at it.</summary>
public sealed class SqsMessageQueue(IAmazonSQS sqs, AwsOptions options) : IMessageQueue, IBackendProbe
{
    public string Backend => "queues";

    /// <summary>One call on a queue that exists; before set-up has ensured one, one short ListQueues.</summary>
    public Task ProbeAsync(CancellationToken ct) => _urls.Values.FirstOrDefault() is { } url
        ? sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct)
        : sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = options.ResourcePrefix, MaxResults = 1 }, ct);

    private readonly ConcurrentDictionary<string, string> _urls = new();

    public async Task EnsureQueuesAsync(IEnumerable<QueueDefinition> queues, CancellationToken ct = default)
    {
        if (!options.CreateResources)
        {
            foreach (var name in queues.SelectMany(q => new[] { q.Name, q.DeadLetterName }))
            {
                try
                {
                    await UrlAsync(name, ct);
                }
                catch (QueueDoesNotExistException e)
                {
                    throw new InvalidOperationException($"SQS queue '{options.Name(name)}' does not exist; create it or set Aws:CreateResources=true.", e);
                }
            }
            return;
        }
        foreach (var queue in queues)
        {
            var dlqUrl = (await sqs.CreateQueueAsync(options.Name(queue.DeadLetterName), ct)).QueueUrl;
            var dlqArn = (await sqs.GetQueueAttributesAsync(dlqUrl, ["QueueArn"], ct)).QueueARN;
            _urls[queue.DeadLetterName] = dlqUrl;
            var redrive = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["deadLetterTargetArn"] = dlqArn,
                ["maxReceiveCount"] = queue.MaxReceiveCount.ToString(CultureInfo.InvariantCulture),
            });
            var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = options.Name(queue.Name) }, ct)).QueueUrl;
            // Set apart from CreateQueue so an existing queue also gets the current policy (CreateQueue rejects changed attributes).
            await sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["RedrivePolicy"] = redrive }, ct);
            _urls[queue.Name] = url;
        }
    }

    public async Task<string> SendAsync(string queue, string body, CancellationToken ct = default) =>
        (await sqs.SendMessageAsync(await UrlAsync(queue, ct), body, ct)).MessageId;

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct = default)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = await UrlAsync(queue, ct),
            MaxNumberOfMessages = max,
            VisibilityTimeout = (int)Math.Ceiling(visibilityTimeout.TotalSeconds),
            WaitTimeSeconds = (int)Math.Ceiling(wait.TotalSeconds),
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        }, ct);
        return (response.Messages ?? []).Select(m => new QueueMessage(
            m.MessageId, m.Body, m.ReceiptHandle,
            int.Parse(m.Attributes?.GetValueOrDefault("ApproximateReceiveCount") ?? "1", CultureInfo.InvariantCulture))).ToList();
    }

    public async Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default) =>
        await sqs.DeleteMessageAsync(await UrlAsync(queue, ct), receiptHandle, ct);

    public async Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken ct = default) =>
        await sqs.ChangeMessageVisibilityAsync(await UrlAsync(queue, ct), receiptHandle, (int)Math.Ceiling(visibilityTimeout.TotalSeconds), ct);

    private async Task<string> UrlAsync(string queue, CancellationToken ct)
    {
        if (_urls.TryGetValue(queue, out var url)) return url;
        url = (await sqs.GetQueueUrlAsync(options.Name(queue), ct)).QueueUrl;
        return _urls.GetOrAdd(queue, url);
    }
}
