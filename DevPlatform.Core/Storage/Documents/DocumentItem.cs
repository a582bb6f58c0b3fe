namespace DevPlatform.Core.Storage.Documents;

/// <summary>The primary key of a stored item: every table has a string partition key and a string sort key.</summary>
public sealed record DocumentKey(string PartitionKey, string SortKey);

/// <summary>
/// One stored item: its key, its body as JSON, an optimistic-concurrency version, and the values of the
/// index key attributes it is listed under (sparse: an item without an index's attributes is not in that index).
/// </summary>
public sealed record DocumentItem(DocumentKey Key, string Body, long Version)
{
    public IReadOnlyDictionary<string, string> IndexKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>Work a multi-step write still owes, as JSON (see Convergence.OwedWork); null when nothing is owed.</summary>
    public string? Pending { get; init; }
}

/// <summary>What must hold for a write to happen. Failing it throws <see cref="ConditionalWriteFailedException"/>.</summary>
public abstract record WriteCondition
{
    private WriteCondition() { }

    /// <summary>Write whatever is stored.</summary>
    public static readonly WriteCondition None = new NoCondition();

    /// <summary>Write only when no item has this key.</summary>
    public static readonly WriteCondition IfAbsent = new AbsentCondition();

    /// <summary>Write only when the stored item has exactly this version.</summary>
    public static WriteCondition IfVersion(long expected) => new VersionCondition(expected);

    public sealed record NoCondition : WriteCondition;
    public sealed record AbsentCondition : WriteCondition;
    public sealed record VersionCondition(long Expected) : WriteCondition;
}

/// <summary>A conditional write found the stored item not as the condition required; nothing was written.</summary>
public sealed class ConditionalWriteFailedException(string table, DocumentKey key)
    : Exception($"The condition on '{table}' {key.PartitionKey}/{key.SortKey} did not hold.");
