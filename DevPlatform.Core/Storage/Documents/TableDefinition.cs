namespace DevPlatform.Core.Storage.Documents;

/// <summary>A logical table: key attributes are always "pk" and "sk"; indexes name their own attributes.</summary>
public sealed record TableDefinition(string Name, IReadOnlyList<IndexDefinition> Indexes)
{
    public TableDefinition(string name, params IndexDefinition[] indexes) : this(name, (IReadOnlyList<IndexDefinition>)indexes) { }

    /// <summary>Every attribute some index is keyed on, each once, in index order.</summary>
    public IReadOnlyList<string> IndexAttributes { get; } =
        Indexes.SelectMany(i => new[] { i.PartitionKeyAttribute, i.SortKeyAttribute }).Distinct().ToList();

    public IndexDefinition Index(string name) =>
        Indexes.FirstOrDefault(i => i.Name == name)
        ?? throw new ArgumentException($"Table '{Name}' has no index '{name}'.", nameof(name));
}

/// <summary>A global secondary index keyed on two string attributes of the item.</summary>
public sealed record IndexDefinition(string Name, string PartitionKeyAttribute, string SortKeyAttribute);
