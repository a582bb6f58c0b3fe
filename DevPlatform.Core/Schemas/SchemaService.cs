using System.Globalization;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// Schemas of a project, every save an immutable version. The head item (<c>SCHEMA#{id}/HEAD</c>) says which version is
/// the latest and is the one item every change swaps on its revision: a save writes the head at the next version number
/// owing that version's item (<c>SCHEMA#{id}/V#{n}</c>) and its activity record, so two saves based on one version never
/// both succeed, a stale one stores nothing, and a crash in between is completed by the next read or the repair pass.
/// </summary>
public sealed partial class SchemaService(IDocumentStore documents, ProjectService projects, ActivityLog activity, OwedWorkRunner owedWork,
    TimeProvider time) : ISchemaSource
{
    public const string Table = "schemas";
    public const string ByProject = "by-project";
    public const string TargetType = "schema";
    public const string IdPrefix = "sch";
    public const string VersionPrefix = "V#";
    private const string HeadSortKey = "HEAD";
    private const string NotFound = "No such schema.";
    private const int MaxRetries = 5;

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByProject, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);

    /// <summary>A page of the project's schemas in name order (a query on the project index, which may lag).</summary>
    public async Task<SchemaListPage> ListAsync(Actor actor, string projectId, int pageSize = 50, string? continuationToken = null, CancellationToken ct = default)
    {
        await projects.RequireAsync(actor, projectId, TeamPermission.Read, ct);
        var page = await documents.QueryAsync(Table, new DocumentQuery($"PROJECT#{projectId}")
        {
            IndexName = ByProject, Limit = Math.Clamp(pageSize, 1, SchemaRules.MaxPageSize), ContinuationToken = continuationToken,
        }, ct);
        return new SchemaListPage(page.Items.Select(ToRecord).Select(Summary).ToList(), page.ContinuationToken);
    }

    /// <summary>The latest version, or <paramref name="version"/>.</summary>
    /// <param name="projectId">When given, a schema of another project is not found.</param>
    public async Task<SchemaDocument> GetAsync(Actor actor, string id, long? version = null, string? projectId = null, CancellationToken ct = default)
    {
        var (item, head) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, head, projectId, TeamPermission.Read, ct);
        return ToDocument(head, await ReadVersionAsync(item, head, version ?? head.Version, ct));
    }

    /// <summary>Creates the schema at version 1.</summary>
    /// <exception cref="ValidationFailedException">The schema breaks a rule; nothing was stored.</exception>
    public async Task<SchemaDocument> CreateAsync(Actor actor, string projectId, SchemaInput input, string? message = null, CancellationToken ct = default)
    {
        var (name, definition) = SchemaRules.Normalize(input);
        var text = SchemaRules.NormalizeMessage(message, "Created");
        var project = await projects.RequireAsync(actor, projectId, TeamPermission.Write, ct);
        var now = time.GetUtcNow();
        var id = Ids.New(IdPrefix);
        var version = new SchemaVersion(id, 1, name, definition, actor.UserId, actor.DisplayName, now, text);
        var head = Head(new SchemaRecord(id, project.Id, project.TeamId, name, 1, 0, 0, 0, now, actor.UserId, now, actor.UserId, actor.DisplayName), version);
        var record = activity.Prepare(actor, project.TeamId, ActivityActions.SchemaCreated, TargetType, id, name, null, Describe(head));
        var item = owedWork.Owing(ToItem(head, revision: 1), null, [new StoreSchemaVersion(version), new RecordActivity(record)]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
        return ToDocument(head, version);
    }

    /// <summary>Saves <paramref name="input"/> as the next version.</summary>
    /// <param name="baseVersion">The version the change was made on; it must still be the latest.</param>
    /// <exception cref="ConflictException">Someone saved since <paramref name="baseVersion"/>; nothing was stored.</exception>
    public async Task<SchemaDocument> SaveAsync(Actor actor, string id, SchemaInput input, long baseVersion, string? message = null,
        string? projectId = null, CancellationToken ct = default)
    {
        var (name, definition) = SchemaRules.Normalize(input);
        var text = SchemaRules.NormalizeMessage(message, "");
        var (head, version) = await ChangeAsync(actor, id, projectId, TeamPermission.Write, baseVersion, current =>
        {
            var number = current.Version + 1;
            var saved = new SchemaVersion(id, number, name, definition, actor.UserId, actor.DisplayName, time.GetUtcNow(), text.Length == 0 ? $"Version {number}" : text);
            return Next(actor, current, saved, ActivityActions.SchemaUpdated);
        }, ct);
        return ToDocument(head, version!);
    }

    /// <summary>Saves version <paramref name="number"/>'s name and entities again, as the next version: history only grows.</summary>
    /// <exception cref="ConflictException">Someone saved since <paramref name="baseVersion"/>; nothing was stored.</exception>
    /// <exception cref="ValidationFailedException">The old version breaks a rule made since it was saved.</exception>
    public async Task<SchemaDocument> RestoreAsync(Actor actor, string id, long number, long baseVersion, string? message = null, CancellationToken ct = default)
    {
        var text = SchemaRules.NormalizeMessage(message, $"Restored version {number}");
        var (item, current) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, current, null, TeamPermission.Write, ct);
        if (current.Version != baseVersion) throw StaleVersion(current);
        var old = await ReadVersionAsync(item, current, number, ct);
        var (name, definition) = SchemaRules.Normalize(SchemaInputs.From(old.Name, old.Definition));
        var (head, version) = await ChangeAsync(actor, id, null, TeamPermission.Write, baseVersion, latest =>
        {
            var restored = new SchemaVersion(id, latest.Version + 1, name, definition, actor.UserId, actor.DisplayName, time.GetUtcNow(), text, number);
            return Next(actor, latest, restored, ActivityActions.SchemaRestored);
        }, ct);
        return ToDocument(head, version!);
    }

    /// <param name="expectedVersion">When given, the delete happens only if nobody saved a version since.</param>
    public async Task DeleteAsync(Actor actor, string id, long? expectedVersion, CancellationToken ct = default) =>
        await ChangeAsync(actor, id, null, TeamPermission.Delete, expectedVersion, current =>
        {
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.SchemaDeleted, TargetType, id, current.Name, Describe(current), null);
            return new Change(current, null, [new RecordActivity(record), new DeleteSchemaVersions(id)], RemovesItem: true);
        }, ct);

    /// <summary>A change of the head: the head as it will be, the version it adds (if any), what it owes, and whether it is a delete.</summary>
    private sealed record Change(SchemaRecord Next, SchemaVersion? Version, IReadOnlyList<OwedEffect> Effects, bool RemovesItem = false);

    private Change Next(Actor actor, SchemaRecord current, SchemaVersion version, string action)
    {
        var next = Head(current with { UpdatedAt = version.At, UpdatedBy = actor.UserId, UpdatedByName = actor.DisplayName }, version);
        var record = activity.Prepare(actor, current.TeamId, action, TargetType, current.Id, next.Name, Describe(current), Describe(next));
        return new Change(next, version, [new StoreSchemaVersion(version), new RecordActivity(record)]);
    }

    /// <summary>
    /// Reads the head, checks access and the version, and writes <paramref name="change"/>'s result if the head is still at
    /// the revision read. Work the head still owes (a version item) is finished first, so a head never carries two
    /// versions' content; a miss is read again, and a version moved on meanwhile is a conflict.
    /// </summary>
    private async Task<(SchemaRecord Head, SchemaVersion? Version)> ChangeAsync(Actor actor, string id, string? projectId, TeamPermission permission,
        long? expectedVersion, Func<SchemaRecord, Change> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (item, current) = await LoadAsync(id, ct);
            await AuthorizeAsync(actor, current, projectId, permission, ct);
            if (expectedVersion is { } expected && current.Version != expected) throw StaleVersion(current);
            if (item.Pending is not null)
            {
                if (attempt >= MaxRetries) throw new ConflictException("The schema's previous change is still being stored. Try again in a moment.");
                await owedWork.CompleteAsync(Table, item);
                continue;
            }
            var next = change(current);
            var written = owedWork.Owing(next.RemovesItem ? new DocumentItem(item.Key, item.Body, item.Version + 1) : ToItem(next.Next, item.Version + 1),
                item, next.Effects, next.RemovesItem);
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
                throw new ConflictException("The schema is being changed by someone else right now. Reload it and try again.");
            }
            await owedWork.CompleteAsync(Table, written);
            return (next.Next, next.Version);
        }
    }

    private async Task<(DocumentItem Item, SchemaRecord Head)> LoadAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(IdPrefix, id)) throw new NotFoundException(NotFound);
        var item = await documents.GetAsync(Table, HeadKey(id), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? throw new NotFoundException(NotFound) : (item, ToRecord(item));
    }

    /// <summary>
    /// The caller must hold <paramref name="permission"/> in the team of the schema's project, and the project must still
    /// exist; to anyone else (and for a <paramref name="projectId"/> that is not its project) the schema does not exist.
    /// </summary>
    private Task AuthorizeAsync(Actor actor, SchemaRecord head, string? projectId, TeamPermission permission, CancellationToken ct) =>
        projects.RequireForItemAsync(actor, head.ProjectId, projectId, permission, NotFound, ct);

    private static ConflictException StaleVersion(SchemaRecord current) =>
        new($"The schema was changed by someone else (now at version {current.Version}, saved by {current.UpdatedByName}). "
            + "Your changes were not saved: reload it, then apply them again.");

    private static SchemaRecord Head(SchemaRecord record, SchemaVersion version) => record with
    {
        Name = version.Name, Version = version.Number, EntityCount = version.Definition.Entities.Count,
        FieldCount = version.Definition.Entities.Sum(e => e.Fields.Count), RelationCount = version.Definition.Entities.Sum(e => e.RelationList.Count),
    };

    private static string Describe(SchemaRecord head) => DocumentJson.Serialize(new { head.Name, head.Version, Entities = head.EntityCount, Fields = head.FieldCount });

    public static SchemaSummary Summary(SchemaRecord r) =>
        new(r.Id, r.ProjectId, r.Name, r.Version, r.EntityCount, r.FieldCount, r.RelationCount, r.UpdatedAt, r.UpdatedByName);

    private static SchemaDocument ToDocument(SchemaRecord head, SchemaVersion version) => new(head.Id, head.ProjectId, head.TeamId, version.Name,
        version.Number, head.Version, version.Definition.Entities, version.Message, version.AuthorId, version.AuthorName, version.At, version.RestoredFrom,
        head.CreatedAt, head.CreatedBy);

    internal static string PartitionKey(string id) => $"SCHEMA#{id}";

    private static DocumentKey HeadKey(string id) => new(PartitionKey(id), HeadSortKey);

    private static DocumentKey VersionKey(string id, long number) =>
        new(PartitionKey(id), VersionPrefix + number.ToString("D10", CultureInfo.InvariantCulture));

    private static DocumentItem ToItem(SchemaRecord head, long revision) =>
        new(HeadKey(head.Id), DocumentJson.Serialize(head), revision)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"PROJECT#{head.ProjectId}",
                ["gsi1sk"] = SchemaRules.NameSortKey(head.Name, head.Id),
            },
        };

    internal static DocumentItem ToItem(SchemaVersion version) => new(VersionKey(version.SchemaId, version.Number), DocumentJson.Serialize(version), 1);

    private static SchemaRecord ToRecord(DocumentItem item) => DocumentJson.Deserialize<SchemaRecord>(item.Body);

    private static SchemaVersion ToVersion(DocumentItem item) => DocumentJson.Deserialize<SchemaVersion>(item.Body);
}
