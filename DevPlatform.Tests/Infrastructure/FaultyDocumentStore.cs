using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// A documents port that fails chosen calls, as a process that dies between two writes would leave things: the call
/// named by <see cref="FailOn"/> throws (once, or every time) and nothing of it is written.
/// </summary>
public sealed class FaultyDocumentStore(IDocumentStore inner) : IDocumentStore
{
    /// <summary>Decides, per call ("Put:projects", "IncrementOnce:counters", "Release:counters", "Delete:projects"…), whether it fails.</summary>
    public Func<string, bool> FailOn { get; set; } = _ => false;

    /// <summary>Decides per write and item key (a Put or Delete of one item), beside <see cref="FailOn"/>.</summary>
    public Func<string, DocumentKey, bool> FailOnItem { get; set; } = (_, _) => false;

    public int Failures { get; private set; }

    public Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default) => inner.EnsureTablesAsync(tables, ct);
    public Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default) => inner.GetAsync(table, key, ct);
    public Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default) =>
        inner.BatchGetAsync(table, keys, ct);
    public Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default) => inner.GetCounterAsync(table, key, ct);
    public Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default) => inner.QueryAsync(table, query, ct);

    public Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default) =>
        Check($"Put:{table}", item.Key) ?? inner.PutAsync(table, item, condition, ct);

    public Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default) =>
        Check($"Delete:{table}", key) ?? inner.DeleteAsync(table, key, condition, ct);

    public Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default) =>
        Check($"Increment:{table}") is { } failed ? Task.FromException<long>(failed.Exception!) : inner.IncrementAsync(table, key, delta, ct);

    public Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default) =>
        Check($"IncrementOnce:{table}") is { } failed ? Task.FromException<bool>(failed.Exception!) : inner.IncrementOnceAsync(table, key, delta, operationId, ct);

    public Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default) =>
        Check($"Release:{table}") ?? inner.ReleaseIncrementAsync(table, key, operationId, ct);

    private Task? Check(string call, DocumentKey? key = null)
    {
        if (!FailOn(call) && (key is null || !FailOnItem(call, key))) return null;
        Failures++;
        return Task.FromException(new IOException($"Simulated crash before {call}."));
    }
}
