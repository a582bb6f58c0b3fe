using DevPlatform.Core.Storage.Local;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Core.Storage.Queues.Local;
using Microsoft.Data.Sqlite;

namespace DevPlatform.Tests.Storage.Local;

/// <summary>
/// The embedded queue shares its file with other writers (documents, other processes): polling must not hold or wait
/// on their write lock, and a receive must not block a thread for long when they do.
/// </summary>
public sealed class SqliteQueuePollingTests : IAsyncLifetime
{
    private static readonly QueueDefinition Jobs = new("jobs", 3);
    private readonly string _file = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"), "queues.db");
    private SqliteMessageQueue _queue = null!;
    private SqliteConnection _otherWriter = null!;

    public async Task InitializeAsync()
    {
        _queue = new SqliteMessageQueue(new SqliteDatabase(_file), TimeProvider.System);
        await _queue.EnsureQueuesAsync([Jobs]);
        _otherWriter = new SqliteConnection($"Data Source={_file};Pooling=False");
        await _otherWriter.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await _otherWriter.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    [Fact]
    public async Task PollingAnEmptyQueueNeitherTakesNorWaitsForTheWriteLock()
    {
        SqliteDatabase.Execute(_otherWriter, "BEGIN IMMEDIATE;");

        var received = await _queue.ReceiveAsync(Jobs.Name, 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500))
            .WaitAsync(TimeSpan.FromSeconds(3));

        Assert.Empty(received);
    }

    [Fact]
    public async Task AReceiveBlockedByAnotherWriterGivesUpWithinSecondsAndGetsTheMessageOnceItIsDone()
    {
        await _queue.SendAsync(Jobs.Name, "deploy v7");
        SqliteDatabase.Execute(_otherWriter, "BEGIN IMMEDIATE;");

        var whileLocked = await _queue.ReceiveAsync(Jobs.Name, 1, TimeSpan.FromSeconds(30), TimeSpan.Zero).WaitAsync(TimeSpan.FromSeconds(10));
        SqliteDatabase.Execute(_otherWriter, "ROLLBACK;");
        var afterwards = await _queue.ReceiveAsync(Jobs.Name, 1, TimeSpan.FromSeconds(30), TimeSpan.Zero);

        Assert.Empty(whileLocked);
        Assert.Equal("deploy v7", Assert.Single(afterwards).Body);
    }

    [Theory]
    [InlineData(SqliteMessageQueue.AnyVisibleSql)]
    [InlineData(SqliteMessageQueue.CandidatesSql)]
    public void ReceiveQueriesSeekTheReadyIndexWithoutSorting(string sql)
    {
        using var explain = _otherWriter.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        explain.Parameters.AddWithValue("$queue", Jobs.Name);
        explain.Parameters.AddWithValue("$now", 0);
        explain.Parameters.AddWithValue("$max", 10);
        using var reader = explain.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains("INDEX queue_messages_ready (queue=? AND visible_at<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
