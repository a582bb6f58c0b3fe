using System.Security.Cryptography;
using System.Text;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Projects;

/// <summary>
/// Projects of a team: every call checks the caller's membership and role, and every change is recorded as activity.
/// A change is one write of the project item that owes its counter change and activity record (<see cref="OwedWorkRunner"/>),
/// so a crash between steps is completed later instead of leaving the count or the history wrong for good.
/// </summary>
public sealed class ProjectService(IDocumentStore documents, AccessControl access, ActivityLog activity, OwedWorkRunner owedWork, TimeProvider time,
    IEnumerable<IProjectDeletionEffects> deletionEffects)
{
    public const string Table = "projects";
    public const string CountersTable = "counters";
    public const string ByTeamName = "by-team-name";
    public const string TargetType = "project";
    private const string NotFound = "No such project.";
    private const int MaxRetries = 5;

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByTeamName, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);
    public static readonly TableDefinition CountersTableDefinition = new(CountersTable);

    public async Task<ProjectPage> ListAsync(Actor actor, string teamId, ProjectListQuery query, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.Read, "No such team.", ct);
        var search = ProjectRules.SearchKey(query.Search ?? "");
        var page = await documents.QueryAsync(Table, new DocumentQuery($"TEAM#{teamId}")
        {
            IndexName = ByTeamName,
            SortKey = search.Length == 0 ? null : SortKeyCondition.BeginsWith(search),
            Descending = query.Descending,
            Limit = Math.Clamp(query.PageSize, 1, ProjectRules.MaxPageSize),
            ContinuationToken = query.ContinuationToken,
        }, ct);
        var total = await documents.GetCounterAsync(CountersTable, CounterKey(teamId), ct);
        return new ProjectPage(page.Items.Select(ToProject).ToList(), page.ContinuationToken, total);
    }

    public async Task<Project> GetAsync(Actor actor, string projectId, CancellationToken ct = default)
    {
        var project = ToProject(await LoadAsync(projectId, ct));
        await access.RequireAsync(actor, project.TeamId, TeamPermission.Read, NotFound, ct);
        return project;
    }

    /// <summary>
    /// The project, once the caller is known to hold <paramref name="permission"/> in its team: for the areas that keep
    /// things per project (architecture, documentation), so a deleted project or another team's takes its things with it.
    /// </summary>
    /// <exception cref="NotFoundException">No such project, or the caller is not in its team.</exception>
    /// <exception cref="ForbiddenException">The caller's role (or read-only token) does not allow <paramref name="permission"/>.</exception>
    public async Task<Project> RequireAsync(Actor actor, string projectId, TeamPermission permission, CancellationToken ct = default)
    {
        var project = ToProject(await LoadAsync(projectId, ct));
        await access.RequireAsync(actor, project.TeamId, permission, NotFound, ct);
        return project;
    }

    /// <summary>
    /// For a thing that lives in a project (an architecture, a schema, a document, a run): the caller must hold
    /// <paramref name="permission"/> in the project's team and the project must still exist. To anyone else, and for a
    /// <paramref name="requestedProjectId"/> that is not its project, the thing itself does not exist: the refusal says
    /// <paramref name="notFound"/>, never that a project is missing.
    /// </summary>
    /// <exception cref="NotFoundException">With <paramref name="notFound"/>.</exception>
    public async Task RequireForItemAsync(Actor actor, string projectId, string? requestedProjectId, TeamPermission permission, string notFound,
        CancellationToken ct = default)
    {
        if (requestedProjectId is not null && requestedProjectId != projectId) throw new NotFoundException(notFound);
        try
        {
            await RequireAsync(actor, projectId, permission, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException(notFound);
        }
    }

    /// <summary>
    /// Whether the project exists (and is not being deleted), with no access check: for workers acting on work whose
    /// access was checked when it was queued (code generation reading a schema version).
    /// </summary>
    public async Task<bool> ExistsAsync(string projectId, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed("prj", projectId)) return false;
        var item = await documents.GetAsync(Table, Key(projectId), ct);
        return item is not null && !OwedWorkRunner.IsBeingRemoved(item);
    }

    /// <param name="idempotencyKey">
    /// When given, a retry with the same key (after a lost answer) returns the project the first call made instead of
    /// making a second one; the key is remembered for as long as that project exists.
    /// </param>
    /// <exception cref="ConflictException">The key was used for a different project.</exception>
    public async Task<Project> CreateAsync(Actor actor, string teamId, ProjectInput input, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var (name, description) = ProjectRules.Normalize(input);
        await access.RequireAsync(actor, teamId, TeamPermission.Write, "No such team.", ct);
        var now = time.GetUtcNow();
        var id = idempotencyKey is null ? Ids.New("prj") : IdFor(teamId, actor.UserId, idempotencyKey);
        var project = new Project(id, teamId, name, description, 1, now, now, actor.UserId);
        var created = activity.Prepare(actor, teamId, ActivityActions.ProjectCreated, TargetType, id, name, null, Summary(project));
        var item = owedWork.Owing(ToItem(project, revision: 1), null,
            [new CountOnce(CountersTable, CounterKey(teamId).PartitionKey, CounterKey(teamId).SortKey, 1, $"create:{id}"), new RecordActivity(created)]);
        try
        {
            await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        }
        catch (ConditionalWriteFailedException) when (idempotencyKey is not null)
        {
            return await ReplayAsync(actor, project, ct);
        }
        await owedWork.CompleteAsync(Table, item);
        return project;
    }

    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is not the stored version; nothing changed.</exception>
    public async Task<Project> UpdateAsync(Actor actor, string projectId, ProjectInput input, long expectedVersion, CancellationToken ct = default)
    {
        var (name, description) = ProjectRules.Normalize(input);
        for (var attempt = 0; ; attempt++)
        {
            var item = await LoadAsync(projectId, ct);
            var current = ToProject(item);
            await access.RequireAsync(actor, current.TeamId, TeamPermission.Write, NotFound, ct);
            if (current.Version != expectedVersion) throw StaleVersion(current);
            var updated = current with { Name = name, Description = description, Version = current.Version + 1, UpdatedAt = time.GetUtcNow() };
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.ProjectUpdated, TargetType, projectId, name, Summary(current), Summary(updated));
            var next = owedWork.Owing(ToItem(updated, item.Version + 1), item, [new RecordActivity(record)]);
            if (await TrySwapAsync(item, next, attempt, ct))
            {
                await owedWork.CompleteAsync(Table, next);
                return updated;
            }
        }
    }

    /// <param name="expectedVersion">When given, the delete happens only if nobody changed the project since.</param>
    public async Task DeleteAsync(Actor actor, string projectId, long? expectedVersion, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var item = await LoadAsync(projectId, ct);
            var current = ToProject(item);
            await access.RequireAsync(actor, current.TeamId, TeamPermission.Delete, NotFound, ct);
            if (expectedVersion is { } expected && current.Version != expected) throw StaleVersion(current);
            var counter = CounterKey(current.TeamId);
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.ProjectDeleted, TargetType, projectId, current.Name, Summary(current), null);
            // A tombstone: out of the name index at once, and removed when the count and the record are done.
            var tombstone = owedWork.Owing(new DocumentItem(item.Key, item.Body, item.Version + 1), item,
                [new CountOnce(CountersTable, counter.PartitionKey, counter.SortKey, -1, $"delete:{projectId}"), new RecordActivity(record),
                    .. deletionEffects.SelectMany(d => d.For(current))],
                removesItem: true);
            if (await TrySwapAsync(item, tombstone, attempt, ct))
            {
                await owedWork.CompleteAsync(Table, tombstone);
                return;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the item is still at the revision read. The revision also moves when owed work
    /// is cleared, so a miss is retried while the project itself is unchanged; a changed project is a conflict.
    /// </summary>
    private async Task<bool> TrySwapAsync(DocumentItem read, DocumentItem next, int attempt, CancellationToken ct)
    {
        try
        {
            await documents.PutAsync(Table, next, WriteCondition.IfVersion(read.Version), ct);
            return true;
        }
        catch (ConditionalWriteFailedException)
        {
            var now = ToProject(await LoadAsync(read.Key.PartitionKey["PROJECT#".Length..], ct));
            if (now.Version != ToProject(read).Version || attempt >= MaxRetries) throw StaleVersion(now);
            return false;
        }
    }

    /// <summary>The answer to a retried create: the project the first call made, once its owed work is done.</summary>
    private async Task<Project> ReplayAsync(Actor actor, Project requested, CancellationToken ct)
    {
        var item = await documents.GetAsync(Table, Key(requested.Id), ct);
        var existing = item is null || OwedWorkRunner.IsBeingRemoved(item) ? null : ToProject(item);
        if (existing is null || existing.CreatedBy != actor.UserId || existing.TeamId != requested.TeamId)
            throw new ConflictException("This Idempotency-Key was already used for another request; use a new key for a new project.");
        if (existing.Version == 1 && (existing.Name, existing.Description) != (requested.Name, requested.Description))
            throw new ConflictException("This Idempotency-Key was already used to create a project with different values; use a new key.");
        await owedWork.CompleteAsync(Table, item!);
        return existing;
    }

    private async Task<DocumentItem> LoadAsync(string projectId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("prj", projectId)) throw new NotFoundException(NotFound);
        var item = await documents.GetAsync(Table, Key(projectId), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? throw new NotFoundException(NotFound) : item;
    }

    /// <summary>The same team, user and key always name the same project id, so a replay collides with the first create.</summary>
    private static string IdFor(string teamId, string userId, string idempotencyKey) =>
        "prj_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{teamId}\n{userId}\n{idempotencyKey}")))[..32];

    private static ConflictException StaleVersion(Project current) =>
        new($"The project was changed by someone else (now at version {current.Version}). Reload it and try again.");

    private static string Summary(Project project) => DocumentJson.Serialize(new { project.Name, project.Description });

    private static DocumentKey Key(string projectId) => new($"PROJECT#{projectId}", "PROJECT");

    private static DocumentKey CounterKey(string teamId) => new($"TEAM#{teamId}", "projects");

    private static DocumentItem ToItem(Project project, long revision) =>
        new(Key(project.Id), DocumentJson.Serialize(project), revision)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"TEAM#{project.TeamId}",
                ["gsi1sk"] = ProjectRules.NameSortKey(project.Name, project.Id),
            },
        };

    private static Project ToProject(DocumentItem item) => DocumentJson.Deserialize<Project>(item.Body);
}
