using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Schemas;

/// <summary>The versions of a schema: history, the difference between two, and what code generation reads.</summary>
public sealed partial class SchemaService
{
    /// <summary>The versions, newest first, without their content.</summary>
    public async Task<SchemaVersionPage> ListVersionsAsync(Actor actor, string id, int pageSize = 20, string? continuationToken = null,
        CancellationToken ct = default)
    {
        var (item, head) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, head, null, TeamPermission.Read, ct);
        var query = new DocumentQuery(PartitionKey(id))
        {
            SortKey = SortKeyCondition.BeginsWith(VersionPrefix), Descending = true,
            Limit = Math.Clamp(pageSize, 1, SchemaRules.MaxPageSize), ContinuationToken = continuationToken,
        };
        var page = await documents.QueryAsync(Table, query, ct);
        if (continuationToken is null && (page.Items.Count == 0 || ToVersion(page.Items[0]).Number < head.Version))
        {
            // The latest save's version item is still owed (its writer stopped half-way): finish that work now.
            await owedWork.CompleteAsync(Table, item);
            page = await documents.QueryAsync(Table, query, ct);
        }
        return new SchemaVersionPage(page.Items.Select(ToVersion).Select(VersionSummary).ToList(), page.ContinuationToken);
    }

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/> (any two, either order).</summary>
    public async Task<SchemaDiff> DiffAsync(Actor actor, string id, long from, long to, CancellationToken ct = default)
    {
        var (item, head) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, head, null, TeamPermission.Read, ct);
        var before = await ReadVersionAsync(item, head, from, ct);
        var after = from == to ? before : await ReadVersionAsync(item, head, to, ct);
        return SchemaComparer.Between(from, before.Name, before.Definition, to, after.Name, after.Definition);
    }

    /// <summary>The ER diagram (SVG) of the latest version, or of <paramref name="version"/>.</summary>
    public async Task<string> RenderDiagramAsync(Actor actor, string id, long? version = null, string? projectId = null, CancellationToken ct = default)
    {
        var document = await GetAsync(actor, id, version, projectId, ct);
        return ErDiagram.Render(document.Name, document.Definition);
    }

    async Task<SchemaSnapshot> ISchemaSource.GetAsync(Actor actor, string schemaId, long? version, CancellationToken ct)
    {
        var document = await GetAsync(actor, schemaId, version, null, ct);
        return new SchemaSnapshot(document.Id, document.ProjectId, document.TeamId, document.Name, document.Version, document.Definition);
    }

    public async Task<SchemaSnapshot?> FindVersionAsync(string schemaId, long version, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed(IdPrefix, schemaId)) return null;
        var item = await documents.GetAsync(Table, HeadKey(schemaId), ct);
        if (item is null || OwedWorkRunner.IsBeingRemoved(item)) return null;
        var head = ToRecord(item);
        if (version < 1 || version > head.Version || !await projects.ExistsAsync(head.ProjectId, ct)) return null;
        var saved = await ReadVersionAsync(item, head, version, ct);
        return new SchemaSnapshot(schemaId, head.ProjectId, head.TeamId, saved.Name, saved.Number, saved.Definition);
    }

    private async Task<SchemaVersion> ReadVersionAsync(DocumentItem item, SchemaRecord head, long number, CancellationToken ct)
    {
        if (number < 1 || number > head.Version) throw new NotFoundException($"Version {number} does not exist; the latest is {head.Version}.");
        var stored = await documents.GetAsync(Table, VersionKey(head.Id, number), ct);
        if (stored is null && number == head.Version)
        {
            await owedWork.CompleteAsync(Table, item);
            stored = await documents.GetAsync(Table, VersionKey(head.Id, number), ct);
        }
        return stored is null ? throw new NotFoundException($"Version {number} is not available yet; try again shortly.") : ToVersion(stored);
    }

    private static SchemaVersionSummary VersionSummary(SchemaVersion v) => new(v.Number, v.Name, v.AuthorId, v.AuthorName, v.At, v.Message,
        v.RestoredFrom, v.Definition.Entities.Count, v.Definition.Entities.Sum(e => e.Fields.Count));
}
