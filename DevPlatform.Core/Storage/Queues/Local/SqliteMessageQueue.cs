using DevPlatform.Core.Storage.Local;
using Microsoft.Data.Sqlite;

namespace DevPlatform.Core.Storage.Queues.Local;

/// <summary>
/// Embedded queues in one SQLite table, durable across restarts. Receiving polls with a read and claims messages in
/// a write transaction only when one is visible (so two workers never get the same one), and moves a message that
/// has used up its receives to the dead-letter queue instead of handing it out again, as SQS's redrive policy does.
/// </summary>
public sealed class SqliteMessageQueue(SqliteDatabase database, TimeProvider time) : IMessageQueue, IBackendProbe
{
    public string Backend => "queues";

    public async Task ProbeAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        SqliteDatabase.Execute(connection, "SELECT 1 FROM queue_messages LIMIT 1;");
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int ClaimLockWaitSeconds = 2;
    private readonly Dictionary<string, QueueDefinition> _queues = [];
    private readonly Lock _queuesLock = new();

    public async Task EnsureQueuesAsync(IEnumerable<QueueDefinition> queues, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        SqliteDatabase.Execute(connection,
            "CREATE TABLE IF NOT EXISTS queue_messages (id TEXT PRIMARY KEY, queue TEXT NOT NULL, body TEXT NOT NULL, " +
            "sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0, receipt TEXT);" +
            "CREATE INDEX IF NOT EXISTS queue_messages_ready ON queue_messages (queue, visible_at, sent_at);" +
            "CREATE INDEX IF NOT EXISTS queue_messages_receipt ON queue_messages (receipt);");
        lock (_queuesLock)
            foreach (var queue in queues) _queues[queue.Name] = queue;
    }

    public async Task<string> SendAsync(string queue, string body, CancellationToken ct = default)
    {
        Known(queue);
        var id = Guid.NewGuid().ToString("N");
        var now = Now();
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO queue_messages (id, queue, body, sent_at, visible_at) VALUES ($id, $queue, $body, $now, $now);";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(ct);
        return id;
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 10);
        var redrive = Known(queue);
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var received = await TryReceiveAsync(queue, redrive, max, visibilityTimeout, ct);
            if (received.Count > 0 || time.GetUtcNow() >= deadline) return received;
            await Task.Delay(PollInterval, time, ct);
        }
    }

    /// <summary>Whether anything is visible: one seek on queue_messages_ready, no lock taken or waited for (WAL).</summary>
    internal const string AnyVisibleSql = "SELECT 1 FROM queue_messages WHERE queue = $queue AND visible_at <= $now LIMIT 1;";

    /// <summary>Oldest-visible first, the index's own order, so SQLite reads the first rows instead of sorting all of them.</summary>
    internal const string CandidatesSql =
        "SELECT id, body, receive_count FROM queue_messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, sent_at LIMIT $max;";

    private async Task<List<QueueMessage>> TryReceiveAsync(string queue, QueueDefinition? redrive, int max, TimeSpan visibilityTimeout, CancellationToken ct)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(ct);
        // Polling an empty queue (the common case) stays a read; only a visible message is worth the write lock.
        if (!await AnyVisibleAsync(connection, queue, now, ct)) return [];
        // SQLite calls block a thread; waiting for another writer is bounded well below the command default.
        connection.DefaultTimeout = ClaimLockWaitSeconds;
        try
        {
            return await ClaimAsync(connection, queue, redrive, max, visibilityTimeout, now, ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_BUSY)
        {
            // Another receiver or process holds the write lock for longer than we wait: nothing claimed this round,
            // the caller polls again until its wait ends, as an SQS receive that finds nothing would.
            return [];
        }
    }

    private static async Task<bool> AnyVisibleAsync(SqliteConnection connection, string queue, long now, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = AnyVisibleSql;
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task<List<QueueMessage>> ClaimAsync(
        SqliteConnection connection, string queue, QueueDefinition? redrive, int max, TimeSpan visibilityTimeout, long now, CancellationToken ct)
    {
        var received = new List<QueueMessage>();
        // BEGIN IMMEDIATE takes the write lock up front, so claiming is atomic across processes too; the candidates
        // are read again inside it, as another receiver may have claimed them since the check.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var candidates = new List<(string Id, string Body, int Count)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = CandidatesSql;
            select.Parameters.AddWithValue("$queue", queue);
            select.Parameters.AddWithValue("$now", now);
            select.Parameters.AddWithValue("$max", max * 2);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        foreach (var (id, body, count) in candidates)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$now", now);
            if (redrive is not null && count >= redrive.MaxReceiveCount)
            {
                update.CommandText = "UPDATE queue_messages SET queue = $dlq, receive_count = 0, receipt = NULL, visible_at = $now, sent_at = $now WHERE id = $id;";
                update.Parameters.AddWithValue("$dlq", redrive.DeadLetterName);
                await update.ExecuteNonQueryAsync(ct);
                continue;
            }
            if (received.Count == max) continue;
            var receipt = Guid.NewGuid().ToString("N");
            update.CommandText = "UPDATE queue_messages SET receive_count = receive_count + 1, receipt = $receipt, visible_at = $visible WHERE id = $id;";
            update.Parameters.AddWithValue("$receipt", receipt);
            update.Parameters.AddWithValue("$visible", now + (long)visibilityTimeout.TotalMilliseconds);
            await update.ExecuteNonQueryAsync(ct);
            received.Add(new QueueMessage(id, body, receipt, count + 1));
        }
        await transaction.CommitAsync(ct);
        return received;
    }

    public async Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM queue_messages WHERE queue = $queue AND receipt = $receipt;";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$receipt", receiptHandle);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE queue_messages SET visible_at = $visible WHERE queue = $queue AND receipt = $receipt;";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$receipt", receiptHandle);
        command.Parameters.AddWithValue("$visible", Now() + (long)visibilityTimeout.TotalMilliseconds);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <returns>The queue's definition, or null for a dead-letter queue (which has no redrive of its own).</returns>
    private QueueDefinition? Known(string queue)
    {
        lock (_queuesLock)
        {
            if (_queues.TryGetValue(queue, out var definition)) return definition;
            if (_queues.Values.Any(q => q.DeadLetterName == queue)) return null;
        }
        throw new InvalidOperationException($"Queue '{queue}' was not ensured; call EnsureQueuesAsync at start-up.");
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
