using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// The documents port as DynamoDB really behaves and the emulator does not: global secondary indexes are eventually
/// consistent. Until <see cref="CatchUp"/>, an index query does not see writes made since the last catch-up: a new item
/// is missing, a changed item shows as it was, a deleted one is still there. Reads by key are always current.
/// </summary>
public sealed class LaggingIndexDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private readonly Dictionary<(string Table, DocumentKey Key), DocumentItem?> _before = [];
    private readonly Lock _lock = new();

    /// <summary>While false the index is current, as on the emulator.</summary>
    public bool Lagging { get; set; } = true;

    /// <summary>The index catches up with every write so far.</summary>
    public void CatchUp()
    {
        lock (_lock) _before.Clear();
    }

    public async Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default)
    {
        var page = await inner.QueryAsync(table, query, ct);
        if (query.IndexName is null || !Lagging) return page;
        Dictionary<DocumentKey, DocumentItem?> stale;
        lock (_lock) stale = _before.Where(p => p.Key.Table == table).ToDictionary(p => p.Key.Key, p => p.Value);
        var shown = page.Items.Where(i => !stale.ContainsKey(i.Key)).ToList();
        // What the index still holds of recently written items: their state before, where it was in the queried partition.
        // (Appended after the fresh items: enough for "the list still shows the old row", not an exact index order.)
        shown.AddRange(stale.Values.OfType<DocumentItem>().Where(i => i.IndexKeys.Values.Contains(query.PartitionKey)));
        return page with { Items = shown };
    }

    public Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default) =>
        WriteAsync(table, item.Key, () => inner.PutAsync(table, item, condition, ct), ct);

    public Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default) =>
        WriteAsync(table, key, () => inner.DeleteAsync(table, key, condition, ct), ct);

    public Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default) => inner.EnsureTablesAsync(tables, ct);
    public Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default) => inner.GetAsync(table, key, ct);
    public Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default) =>
        inner.BatchGetAsync(table, keys, ct);
    public Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default) => inner.IncrementAsync(table, key, delta, ct);
    public Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default) =>
        inner.IncrementOnceAsync(table, key, delta, operationId, ct);
    public Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default) =>
        inner.ReleaseIncrementAsync(table, key, operationId, ct);
    public Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default) => inner.GetCounterAsync(table, key, ct);

    private async Task WriteAsync(string table, DocumentKey key, Func<Task> write, CancellationToken ct)
    {
        var before = Lagging ? await inner.GetAsync(table, key, ct) : null;
        await write();
        if (!Lagging) return;
        lock (_lock) _before.TryAdd((table, key), before);
    }
}
