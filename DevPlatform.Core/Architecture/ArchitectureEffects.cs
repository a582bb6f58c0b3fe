using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Core.Architecture;

/// <summary>Stores a saved version's item, owed by the head that the save wrote first (its content travels with it).</summary>
public sealed record StoreArchitectureVersion(ArchitectureVersion Version) : OwedEffect;

/// <summary>Deletes every version item of a deleted architecture, owed by its tombstone.</summary>
public sealed record DeleteArchitectureVersions(string ArchitectureId) : OwedEffect;

/// <summary>Runs the architecture area's owed effects; both are idempotent.</summary>
public sealed class ArchitectureEffects(IDocumentStore documents) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is StoreArchitectureVersion or DeleteArchitectureVersions or DeleteArchitecturesOfProject;

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
                await DeleteVersionsAsync(delete.ArchitectureId, ct);
                break;
            case DeleteArchitecturesOfProject project:
                // Paged with the token, not "first page again": the project index lags, so deleted heads may still be listed.
                string? token = null;
                do
                {
                    var page = await documents.QueryAsync(ArchitectureService.Table, new DocumentQuery($"PROJECT#{project.ProjectId}")
                    {
                        IndexName = ArchitectureService.ByProject, Limit = 100, ContinuationToken = token,
                    }, ct);
                    foreach (var head in page.Items)
                    {
                        await DeleteVersionsAsync(head.Key.PartitionKey["ARCH#".Length..], ct);
                        await documents.DeleteAsync(ArchitectureService.Table, head.Key, WriteCondition.None, ct);
                    }
                    token = page.ContinuationToken;
                } while (token is not null);
                break;
        }
    }

    private async Task DeleteVersionsAsync(string architectureId, CancellationToken ct)
    {
        // Always the first page: each pass deletes what it read (a table query, which never lags), so what follows moves up.
        while (true)
        {
            var page = await documents.QueryAsync(ArchitectureService.Table, new DocumentQuery(ArchitectureService.PartitionKey(architectureId))
            {
                SortKey = SortKeyCondition.BeginsWith(ArchitectureService.VersionPrefix), Limit = 100,
            }, ct);
            foreach (var item in page.Items) await documents.DeleteAsync(ArchitectureService.Table, item.Key, WriteCondition.None, ct);
            if (page.ContinuationToken is null) break;
        }
    }
}

/// <summary>Deletes every architecture of a deleted project (heads and versions; the files go by prefix).</summary>
public sealed record DeleteArchitecturesOfProject(string ProjectId) : OwedEffect;

/// <summary>What a project's delete owes the Architecture area: its architectures and every file under architectures/{projectId}/.</summary>
public sealed class ArchitectureProjectCleanUp : IProjectDeletionEffects
{
    public IEnumerable<OwedEffect> For(Project project) =>
        [new DeleteArchitecturesOfProject(project.Id), new DeleteBlobsUnder($"architectures/{project.Id}/")];
}
