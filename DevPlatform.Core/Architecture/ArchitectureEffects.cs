using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Architecture;

/// <summary>Stores a saved version's item, owed by the head that the save wrote first (its content travels with it).</summary>
public sealed record StoreArchitectureVersion(ArchitectureVersion Version) : OwedEffect;

/// <summary>Deletes every version item of a deleted architecture, owed by its tombstone.</summary>
public sealed record DeleteArchitectureVersions(string ArchitectureId) : OwedEffect;

/// <summary>Runs the architecture area's owed effects; both are idempotent.</summary>
public sealed class ArchitectureEffects(IDocumentStore documents) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is StoreArchitectureVersion or DeleteArchitectureVersions;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case StoreArchitectureVersion store:
                try
                {
                    await documents.PutAsync(ArchitectureService.Table, ArchitectureService.ToItem(store.Version), WriteCondition.IfAbsent, ct);
                }
                catch (ConditionalWriteFailedException)
                {
                    // Stored by an earlier run; a version never changes once written.
                }
                break;
            case DeleteArchitectureVersions delete:
                // Always the first page: each pass deletes what it read, so what follows moves up.
                while (true)
                {
                    var page = await documents.QueryAsync(ArchitectureService.Table, new DocumentQuery(ArchitectureService.PartitionKey(delete.ArchitectureId))
                    {
                        SortKey = SortKeyCondition.BeginsWith(ArchitectureService.VersionPrefix), Limit = 100,
                    }, ct);
                    foreach (var item in page.Items) await documents.DeleteAsync(ArchitectureService.Table, item.Key, WriteCondition.None, ct);
                    if (page.ContinuationToken is null) break;
                }
                break;
        }
    }
}
