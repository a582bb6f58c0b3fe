using DevPlatform.Core.Convergence;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Schemas;

/// <summary>Stores a saved version's item, owed by the head that the save wrote first (the content travels with it).</summary>
public sealed record StoreSchemaVersion(SchemaVersion Version) : OwedEffect;

/// <summary>Deletes every version item of a deleted schema, owed by its tombstone.</summary>
public sealed record DeleteSchemaVersions(string SchemaId) : OwedEffect;

/// <summary>Deletes every schema of a deleted project (heads and versions), owed by the project's tombstone.</summary>
public sealed record DeleteSchemasOfProject(string ProjectId) : OwedEffect;

/// <summary>Runs the schema area's owed effects; each is idempotent.</summary>
public sealed class SchemaEffects(IDocumentStore documents) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is StoreSchemaVersion or DeleteSchemaVersions or DeleteSchemasOfProject;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case StoreSchemaVersion store:
                try
                {
                    await documents.PutAsync(SchemaService.Table, SchemaService.ToItem(store.Version), WriteCondition.IfAbsent, ct);
                }
                catch (ConditionalWriteFailedException)
                {
                    // Stored by an earlier run; a version never changes once written.
                }
                break;
            case DeleteSchemaVersions delete:
                await DeleteVersionsAsync(delete.SchemaId, ct);
                break;
            case DeleteSchemasOfProject project:
                // Paged with the token, not "first page again": the project index lags, so deleted heads may still be listed.
                string? token = null;
                do
                {
                    var page = await documents.QueryAsync(SchemaService.Table, new DocumentQuery($"PROJECT#{project.ProjectId}")
                    {
                        IndexName = SchemaService.ByProject, Limit = 100, ContinuationToken = token,
                    }, ct);
                    foreach (var head in page.Items)
                    {
                        await DeleteVersionsAsync(head.Key.PartitionKey["SCHEMA#".Length..], ct);
                        await documents.DeleteAsync(SchemaService.Table, head.Key, WriteCondition.None, ct);
                    }
                    token = page.ContinuationToken;
                } while (token is not null);
                break;
        }
    }

    private async Task DeleteVersionsAsync(string schemaId, CancellationToken ct)
    {
        // Always the first page: each pass deletes what it read (a table query, which never lags), so what follows moves up.
        while (true)
        {
            var page = await documents.QueryAsync(SchemaService.Table, new DocumentQuery(SchemaService.PartitionKey(schemaId))
            {
                SortKey = SortKeyCondition.BeginsWith(SchemaService.VersionPrefix), Limit = 25,
            }, ct);
            foreach (var item in page.Items) await documents.DeleteAsync(SchemaService.Table, item.Key, WriteCondition.None, ct);
            if (page.ContinuationToken is null) break;
        }
    }
}

/// <summary>What a project's delete owes the schema area: every schema of the project, with its versions.</summary>
public sealed class SchemaProjectCleanUp : IProjectDeletionEffects
{
    public IEnumerable<OwedEffect> For(Project project) => [new DeleteSchemasOfProject(project.Id)];
}
