using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Architecture;

/// <summary>The named versions of an architecture: history, one version, and the comparison of two.</summary>
public sealed partial class ArchitectureService
{
    /// <summary>The versions, newest first.</summary>
    public async Task<ArchitectureVersionPage> ListVersionsAsync(Actor actor, string id, int pageSize = 50, string? continuationToken = null,
        CancellationToken ct = default)
    {
        var (head, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, null, TeamPermission.Read, ct);
        var query = new DocumentQuery(PartitionKey(id))
        {
            SortKey = SortKeyCondition.BeginsWith(VersionPrefix), Descending = true,
            Limit = Math.Clamp(pageSize, 1, ArchitectureRules.MaxPageSize), ContinuationToken = continuationToken,
        };
        var page = await documents.QueryAsync(Table, query, ct);
        if (continuationToken is null && (page.Items.Count == 0 || ToVersion(page.Items[0]).Number < design.Version))
        {
            // The latest save's version item is still owed (its writer stopped half-way): finish that work now.
            await owedWork.CompleteAsync(Table, head);
            page = await documents.QueryAsync(Table, query, ct);
        }
        return new ArchitectureVersionPage(page.Items.Select(ToVersion).Select(VersionSummary).ToList(), page.ContinuationToken);
    }

    public async Task<ArchitectureVersion> GetVersionAsync(Actor actor, string id, long number, CancellationToken ct = default)
    {
        var (head, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, null, TeamPermission.Read, ct);
        return await ReadVersionAsync(head, design, number, ct);
    }

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/> (either order).</summary>
    public async Task<ArchitectureDiff> CompareAsync(Actor actor, string id, long from, long to, CancellationToken ct = default)
    {
        var (head, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, null, TeamPermission.Read, ct);
        var before = await ReadVersionAsync(head, design, from, ct);
        var after = from == to ? before : await ReadVersionAsync(head, design, to, ct);
        return ArchitectureDiff.Between(from, before.Content, to, after.Content);
    }

    /// <summary>The component diagram (SVG) of the current content, or of <paramref name="version"/>.</summary>
    public async Task<string> RenderComponentDiagramAsync(Actor actor, string id, long? version, string? projectId = null, CancellationToken ct = default)
    {
        var (head, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, projectId, TeamPermission.Read, ct);
        var content = version is { } n && n != design.Version ? (await ReadVersionAsync(head, design, n, ct)).Content : design.Content;
        return ComponentDiagram.Render(content);
    }

    private async Task<ArchitectureVersion> ReadVersionAsync(DocumentItem head, ArchitectureDesign design, long number, CancellationToken ct)
    {
        if (number < 1 || number > design.Version) throw new NotFoundException($"Version {number} does not exist; the latest is {design.Version}.");
        var item = await documents.GetAsync(Table, VersionKey(design.Id, number), ct);
        if (item is null && number == design.Version)
        {
            await owedWork.CompleteAsync(Table, head);
            item = await documents.GetAsync(Table, VersionKey(design.Id, number), ct);
        }
        return item is null ? throw new NotFoundException($"Version {number} is not available yet; try again shortly.") : ToVersion(item);
    }
}
