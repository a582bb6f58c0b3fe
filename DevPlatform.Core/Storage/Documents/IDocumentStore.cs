namespace DevPlatform.Core.Storage.Documents;

/// <summary>
/// Key-value documents modelled on DynamoDB: get, conditional put and delete, atomic counters, and paged
/// queries on a partition of a table or index. There is deliberately no scan.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Creates the tables and indexes that do not exist yet; existing ones are left as they are.</summary>
    Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default);

    Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default);

    /// <summary>Returns the items that exist, in no particular order.</summary>
    Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default);

    /// <summary>Stores the whole item, replacing any stored one (a counter on it starts again at 0).</summary>
    /// <exception cref="ConditionalWriteFailedException">The condition did not hold; nothing was written.</exception>
    Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default);

    /// <exception cref="ConditionalWriteFailedException">The condition did not hold; nothing was deleted.</exception>
    Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default);

    /// <summary>Adds <paramref name="delta"/> to the counter item at <paramref name="key"/> (created at 0) and returns the new value.</summary>
    Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default);

    /// <summary>
    /// Adds <paramref name="delta"/> unless an increment with this <paramref name="operationId"/> was already applied to
    /// this counter and not released: a retried or repaired step never counts twice.
    /// </summary>
    /// <returns>True when this call applied the delta.</returns>
    Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default);

    /// <summary>Forgets <paramref name="operationId"/> on the counter, once nothing will ask to apply it again.</summary>
    Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default);

    /// <summary>The counter's value, 0 when it was never incremented.</summary>
    Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default);

    /// <exception cref="InvalidContinuationTokenException">The token was not produced by this query on this store.</exception>
    Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default);
}
