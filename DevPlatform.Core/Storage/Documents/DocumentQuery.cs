namespace DevPlatform.Core.Storage.Documents;

/// <summary>A query on one partition of a table or of one of its indexes, in sort-key order.</summary>
public sealed record DocumentQuery(string PartitionKey)
{
    /// <summary>The index to query, or null for the table's own key.</summary>
    public string? IndexName { get; init; }
    public SortKeyCondition? SortKey { get; init; }
    public bool Descending { get; init; }
    public int Limit { get; init; } = 50;
    /// <summary>The opaque token a previous page returned; null for the first page.</summary>
    public string? ContinuationToken { get; init; }
}

public abstract record SortKeyCondition
{
    private SortKeyCondition() { }

    public static SortKeyCondition BeginsWith(string prefix) => new Prefix(prefix);
    /// <summary>Inclusive on both ends, compared as UTF-8 bytes (as DynamoDB does).</summary>
    public static SortKeyCondition Between(string from, string to) => new Range(from, to);

    public sealed record Prefix(string Value) : SortKeyCondition;
    public sealed record Range(string From, string To) : SortKeyCondition;
}

/// <summary>One page of a query. <see cref="ContinuationToken"/> is null exactly when no item follows.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentItem> Items, string? ContinuationToken);
