using System.Collections.Concurrent;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Tests.Components;

/// <summary>
/// The real document store with a window onto it: counts reads per table, can hold a table's reads until released
/// (to catch a screen mid-load), and can make a table's writes fail (to see how a screen takes it).
/// </summary>
public sealed class InstrumentedDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private readonly ConcurrentDictionary<string, int> _reads = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<string, Func<Exception>> _writeFailures = new();
    private int _held;

    /// <summary>Gets, batch gets, queries and counter reads on the table since the last <see cref="ResetCounts"/>.</summary>
    public int ReadsOf(string table) => _reads.GetValueOrDefault(table);

    public void ResetCounts() => _reads.Clear();

    /// <summary>From now on, reads of the table wait (after reading) until the returned release is called.</summary>
    public Action HoldReads(string table)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[table] = gate;
        return () =>
        {
            _holds.TryRemove(table, out _);
            gate.TrySetResult();
        };
    }

    /// <summary>Reads of the table that are waiting on a hold.</summary>
    public int HeldReads => _held;

    /// <summary>Every put and delete on the table throws what <paramref name="failure"/> makes, until cleared.</summary>
    public void FailWrites(string table, Func<Exception>? failure)
    {
        if (failure is null) _writeFailures.TryRemove(table, out _);
        else _writeFailures[table] = failure;
    }

    public Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default) => inner.EnsureTablesAsync(tables, ct);

    public Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default) =>
        ReadAsync(table, () => inner.GetAsync(table, key, ct));

    public Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default) =>
        ReadAsync(table, () => inner.BatchGetAsync(table, keys, ct));

    public Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default) =>
        _writeFailures.TryGetValue(table, out var failure) ? Task.FromException(failure()) : inner.PutAsync(table, item, condition, ct);

    public Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default) =>
        _writeFailures.TryGetValue(table, out var failure) ? Task.FromException(failure()) : inner.DeleteAsync(table, key, condition, ct);

    public Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default) =>
        inner.IncrementAsync(table, key, delta, ct);

    public Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default) =>
        inner.IncrementOnceAsync(table, key, delta, operationId, ct);

    public Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default) =>
        inner.ReleaseIncrementAsync(table, key, operationId, ct);

    public Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default) =>
        ReadAsync(table, () => inner.GetCounterAsync(table, key, ct));

    public Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default) =>
        ReadAsync(table, () => inner.QueryAsync(table, query, ct));

    private async Task<T> ReadAsync<T>(string table, Func<Task<T>> read)
    {
        _reads.AddOrUpdate(table, 1, (_, n) => n + 1);
        var result = await read();
        if (_holds.TryGetValue(table, out var gate))
        {
            Interlocked.Increment(ref _held);
            try
            {
                await gate.Task;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }
        return result;
    }
}
