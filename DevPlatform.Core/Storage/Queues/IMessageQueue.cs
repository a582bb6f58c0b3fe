namespace DevPlatform.Core.Storage.Queues;

/// <summary>
/// At-least-once work queues modelled on SQS: a received message is hidden for its visibility timeout and comes
/// back unless deleted; after <see cref="QueueDefinition.MaxReceiveCount"/> receives it moves to the queue's
/// dead-letter queue ("{name}-dlq"), which is itself a queue that can be received from.
/// </summary>
public interface IMessageQueue
{
    /// <summary>Creates the queues and their dead-letter queues that do not exist yet.</summary>
    Task EnsureQueuesAsync(IEnumerable<QueueDefinition> queues, CancellationToken ct = default);

    Task<string> SendAsync(string queue, string body, CancellationToken ct = default);

    /// <summary>Waits up to <paramref name="wait"/> for at least one message; returns at most <paramref name="max"/> (1–10).</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct = default);

    Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default);

    /// <summary>Extends (a heartbeat) or ends (zero) the time a received message stays hidden.</summary>
    Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken ct = default);
}

/// <param name="ReceiveCount">How many times the message has been received, this time included.</param>
public sealed record QueueMessage(string MessageId, string Body, string ReceiptHandle, int ReceiveCount);

public sealed record QueueDefinition(string Name, int MaxReceiveCount)
{
    public string DeadLetterName => Name + "-dlq";
}
