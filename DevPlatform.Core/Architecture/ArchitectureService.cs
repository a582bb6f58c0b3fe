using System.Globalization;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Architecture;

/// <summary>
/// Architectures of a project, with named versions. The head item (<c>ARCH#{id}/HEAD</c>) holds the current content and
/// is the one item every change swaps on its revision; a save writes the head at the next version number owing the
/// version's own item (<c>ARCH#{id}/V#{n}</c>) and its activity record, so a crash in between is completed later and
/// two saves on one version never both succeed. Versions are items of their own, so a long history never grows the head.
/// </summary>
public sealed partial class ArchitectureService(IDocumentStore documents, ProjectService projects, ActivityLog activity,
    OwedWorkRunner owedWork, BlobUploader uploader, IBlobStore blobs, IOptions<UploadOptions> uploadOptions, TimeProvider time)
{
    public const string Table = "architectures";
    public const string ByProject = "by-project";
    public const string TargetType = "architecture";
    public const string VersionPrefix = "V#";
    private const string HeadSortKey = "HEAD";
    private const string NotFound = "No such architecture.";
    private const int MaxRetries = 5;

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByProject, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);

    /// <summary>A page of the project's architectures in name order (a query on the project index).</summary>
    public async Task<ArchitectureListPage> ListAsync(Actor actor, string projectId, int pageSize = 50, string? continuationToken = null, CancellationToken ct = default)
    {
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        var page = await documents.QueryAsync(Table, new DocumentQuery($"PROJECT#{projectId}")
        {
            IndexName = ByProject, Limit = Math.Clamp(pageSize, 1, ArchitectureRules.MaxPageSize), ContinuationToken = continuationToken,
        }, ct);
        return new ArchitectureListPage(page.Items.Select(ToDesign).Select(Summary).ToList(), page.ContinuationToken);
    }

    /// <param name="projectId">When given, an architecture of another project is not found.</param>
    public async Task<ArchitectureDesign> GetAsync(Actor actor, string id, string? projectId = null, CancellationToken ct = default)
    {
        var (_, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, projectId, TeamPermission.Read, ct);
        return design;
    }

    /// <summary>Creates the architecture at version 1.</summary>
    public async Task<ArchitectureDesign> CreateAsync(Actor actor, string projectId, ArchitectureInput input, string? message = null, CancellationToken ct = default)
    {
        var content = ArchitectureRules.Normalize(input);
        var text = ArchitectureRules.NormalizeMessage(message, "Created");
        var project = await projects.RequireAsync(actor, projectId, TeamPermission.Write, ct);
        var now = time.GetUtcNow();
        var id = Ids.New("arc");
        var design = new ArchitectureDesign(id, project.Id, project.TeamId, content.Name, content.Description, content.Style, content.Components,
            content.Connections, 1, now, actor.UserId, now, actor.UserId, null);
        var record = activity.Prepare(actor, project.TeamId, ActivityActions.ArchitectureCreated, TargetType, id, content.Name, null, Describe(design));
        var item = owedWork.Owing(ToItem(design, revision: 1), null,
            [new StoreArchitectureVersion(new ArchitectureVersion(id, 1, content, actor.UserId, actor.DisplayName, now, text)), new RecordActivity(record)]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
        return design;
    }

    /// <summary>Saves a new version: fields left null in <paramref name="input"/> keep their current value.</summary>
    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is not the latest version; nothing was stored.</exception>
    public Task<ArchitectureDesign> UpdateAsync(Actor actor, string id, ArchitectureInput input, long expectedVersion, string? message = null,
        CancellationToken ct = default)
    {
        var text = ArchitectureRules.NormalizeMessage(message, "");
        return ChangeAsync(actor, id, null, TeamPermission.Write, expectedVersion, current =>
        {
            var now = ArchitectureRules.ToInput(current.Content);
            var content = ArchitectureRules.Normalize(new ArchitectureInput(input.Name ?? now.Name, input.Description ?? now.Description,
                input.Style ?? now.Style, input.Components ?? now.Components, input.Connections ?? now.Connections));
            var at = time.GetUtcNow();
            var number = current.Version + 1;
            var next = current with
            {
                Name = content.Name, Description = content.Description, Style = content.Style, Components = content.Components,
                Connections = content.Connections, Version = number, UpdatedAt = at, UpdatedBy = actor.UserId,
            };
            var version = new ArchitectureVersion(id, number, content, actor.UserId, actor.DisplayName, at, text.Length == 0 ? $"Version {number}" : text);
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.ArchitectureUpdated, TargetType, id, content.Name, Describe(current), Describe(next));
            return new Change(next, [new StoreArchitectureVersion(version), new RecordActivity(record)]);
        }, ct);
    }

    /// <param name="expectedVersion">When given, the delete happens only if nobody saved a version since.</param>
    public async Task DeleteAsync(Actor actor, string id, long? expectedVersion, CancellationToken ct = default) =>
        await ChangeAsync(actor, id, null, TeamPermission.Delete, expectedVersion, current =>
        {
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.ArchitectureDeleted, TargetType, id, current.Name, Describe(current), null);
            return new Change(current, [new RecordActivity(record), new DeleteArchitectureVersions(id), .. DeleteFilesOf(current)], RemovesItem: true);
        }, ct);

    /// <summary>A change of the head: the record as it will be, what it owes, and whether it is a delete.</summary>
    private sealed record Change(ArchitectureDesign Next, IReadOnlyList<OwedEffect> Effects, bool RemovesItem = false);

    /// <summary>
    /// Reads the head, checks access, and writes <paramref name="change"/>'s result if the head is still at the revision
    /// read. A miss is read again: a changed version is a conflict when the caller named one, otherwise the change is
    /// applied to what is there now (an upload does not care that someone saved a version meanwhile).
    /// </summary>
    private async Task<ArchitectureDesign> ChangeAsync(Actor actor, string id, string? projectId, TeamPermission permission, long? expectedVersion,
        Func<ArchitectureDesign, Change> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (item, current) = await LoadAsync(id, ct);
            await AuthorizeAsync(actor, current, projectId, permission, ct);
            if (expectedVersion is { } expected && current.Version != expected) throw StaleVersion(current);
            var (next, effects, removes) = change(current);
            var written = owedWork.Owing(removes ? new DocumentItem(item.Key, item.Body, item.Version + 1) : ToItem(next, item.Version + 1), item, effects, removes);
            try
            {
                await documents.PutAsync(Table, written, WriteCondition.IfVersion(item.Version), ct);
            }
            catch (ConditionalWriteFailedException) when (attempt < MaxRetries)
            {
                continue;
            }
            catch (ConditionalWriteFailedException)
            {
                throw new ConflictException("The architecture is being changed by someone else right now. Reload it and try again.");
            }
            await owedWork.CompleteAsync(Table, written);
            return next;
        }
    }

    private async Task<(DocumentItem Item, ArchitectureDesign Design)> LoadAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("arc", id)) throw new NotFoundException(NotFound);
        var item = await documents.GetAsync(Table, HeadKey(id), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? throw new NotFoundException(NotFound) : (item, ToDesign(item));
    }

    /// <summary>
    /// The caller must hold <paramref name="permission"/> in the team of the architecture's project, and the project must
    /// still exist; to anyone else (and for a <paramref name="projectId"/> that is not its project) it does not exist.
    /// </summary>
    private Task AuthorizeAsync(Actor actor, ArchitectureDesign design, string? projectId, TeamPermission permission, CancellationToken ct) =>
        projects.RequireForItemAsync(actor, design.ProjectId, projectId, permission, NotFound, ct);

    private static ConflictException StaleVersion(ArchitectureDesign current) =>
        new($"The architecture was changed by someone else (now at version {current.Version}). Reload it and try again.");

    private static string Describe(ArchitectureDesign design) => DocumentJson.Serialize(new
    {
        design.Name, design.Style, design.Version, Components = design.Components.Count, Connections = design.Connections.Count,
        Diagram = design.Diagram?.Key,
    });

    public static ArchitectureSummary Summary(ArchitectureDesign d) => new(d.Id, d.ProjectId, d.Name, d.Description, d.Style, d.Version,
        d.Components.Count, d.Connections.Count, d.Diagram is not null, d.UpdatedAt);

    private static ArchitectureVersionSummary VersionSummary(ArchitectureVersion v) => new(v.Number, v.AuthorId, v.AuthorName, v.At, v.Message,
        v.Content.Components.Count, v.Content.Connections.Count);

    internal static string PartitionKey(string id) => $"ARCH#{id}";

    private static DocumentKey HeadKey(string id) => new(PartitionKey(id), HeadSortKey);

    private static DocumentKey VersionKey(string id, long number) =>
        new(PartitionKey(id), VersionPrefix + number.ToString("D10", CultureInfo.InvariantCulture));

    private static DocumentItem ToItem(ArchitectureDesign design, long revision) =>
        new(HeadKey(design.Id), DocumentJson.Serialize(design), revision)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"PROJECT#{design.ProjectId}",
                ["gsi1sk"] = ArchitectureRules.NameSortKey(design.Name, design.Id),
            },
        };

    internal static DocumentItem ToItem(ArchitectureVersion version) =>
        new(VersionKey(version.ArchitectureId, version.Number), DocumentJson.Serialize(version), 1);

    private static ArchitectureDesign ToDesign(DocumentItem item) => DocumentJson.Deserialize<ArchitectureDesign>(item.Body);

    private static ArchitectureVersion ToVersion(DocumentItem item) => DocumentJson.Deserialize<ArchitectureVersion>(item.Body);
}
