using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Queues;

namespace DevPlatform.Core.Storage;

/// <summary>Every table, queue and topic the app uses; features add theirs at registration.</summary>
public sealed class StorageCatalog
{
    public List<TableDefinition> Tables { get; } = [];
    public List<QueueDefinition> Queues { get; } = [];
    public List<string> Topics { get; } = [];
}
