using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Projects;

/// <summary>Projects of a team: every call checks the caller's membership and role, and every change is recorded as activity.</summary>
public sealed class ProjectService(IDocumentStore documents, AccessControl access, ActivityLog activity, TimeProvider time)
{
    public const string Table = "projects";
    public const string CountersTable = "counters";
    public const string ByTeamName = "by-team-name";
    public const string TargetType = "project";
    private const string NotFound = "No such project.";

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByTeamName, "gsi1pk", "gsi1sk"));
    public static readonly TableDefinition CountersTableDefinition = new(CountersTable);

    public async Task<ProjectPage> ListAsync(Actor actor, string teamId, ProjectListQuery query, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.Read, "No such team.", ct);
        var search = query.Search?.Trim().ToLowerInvariant();
        var page = await documents.QueryAsync(Table, new DocumentQuery($"TEAM#{teamId}")
        {
            IndexName = ByTeamName,
            SortKey = string.IsNullOrEmpty(search) ? null : SortKeyCondition.BeginsWith(search),
            Descending = query.Descending,
            Limit = Math.Clamp(query.PageSize, 1, ProjectRules.MaxPageSize),
            ContinuationToken = query.ContinuationToken,
        }, ct);
        var total = await documents.GetCounterAsync(CountersTable, CounterKey(teamId), ct);
        return new ProjectPage(page.Items.Select(ToProject).ToList(), page.ContinuationToken, total);
    }

    public async Task<Project> GetAsync(Actor actor, string projectId, CancellationToken ct = default)
    {
        var project = await LoadAsync(projectId, ct);
        await access.RequireAsync(actor, project.TeamId, TeamPermission.Read, NotFound, ct);
        return project;
    }

    public async Task<Project> CreateAsync(Actor actor, string teamId, ProjectInput input, CancellationToken ct = default)
    {
        var (name, description) = ProjectRules.Normalize(input);
        await access.RequireAsync(actor, teamId, TeamPermission.Write, "No such team.", ct);
        var now = time.GetUtcNow();
        var project = new Project(Ids.New("prj"), teamId, name, description, 1, now, now, actor.UserId);
        await documents.PutAsync(Table, ToItem(project), WriteCondition.IfAbsent, ct);
        await documents.IncrementAsync(CountersTable, CounterKey(teamId), 1, ct);
        await activity.RecordAsync(actor, teamId, ActivityActions.ProjectCreated, TargetType, project.Id, project.Name, null, Summary(project), ct);
        return project;
    }

    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is not the stored version; nothing changed.</exception>
    public async Task<Project> UpdateAsync(Actor actor, string projectId, ProjectInput input, long expectedVersion, CancellationToken ct = default)
    {
        var (name, description) = ProjectRules.Normalize(input);
        var current = await LoadAsync(projectId, ct);
        await access.RequireAsync(actor, current.TeamId, TeamPermission.Write, NotFound, ct);
        if (current.Version != expectedVersion) throw StaleVersion(current);
        var updated = current with { Name = name, Description = description, Version = current.Version + 1, UpdatedAt = time.GetUtcNow() };
        try
        {
            await documents.PutAsync(Table, ToItem(updated), WriteCondition.IfVersion(expectedVersion), ct);
        }
        catch (ConditionalWriteFailedException)
        {
            throw StaleVersion(await LoadAsync(projectId, ct));
        }
        await activity.RecordAsync(actor, current.TeamId, ActivityActions.ProjectUpdated, TargetType, projectId, updated.Name,
            Summary(current), Summary(updated), ct);
        return updated;
    }

    /// <param name="expectedVersion">When given, the delete happens only if nobody changed the project since.</param>
    public async Task DeleteAsync(Actor actor, string projectId, long? expectedVersion, CancellationToken ct = default)
    {
        var current = await LoadAsync(projectId, ct);
        await access.RequireAsync(actor, current.TeamId, TeamPermission.Administer, NotFound, ct);
        var version = expectedVersion ?? current.Version;
        try
        {
            await documents.DeleteAsync(Table, Key(projectId), WriteCondition.IfVersion(version), ct);
        }
        catch (ConditionalWriteFailedException)
        {
            throw StaleVersion(await LoadAsync(projectId, ct));
        }
        await documents.IncrementAsync(CountersTable, CounterKey(current.TeamId), -1, ct);
        await activity.RecordAsync(actor, current.TeamId, ActivityActions.ProjectDeleted, TargetType, projectId, current.Name,
            Summary(current), null, ct);
    }

    private async Task<Project> LoadAsync(string projectId, CancellationToken ct)
    {
        var item = await documents.GetAsync(Table, Key(projectId), ct);
        return item is null ? throw new NotFoundException(NotFound) : ToProject(item);
    }

    private static ConflictException StaleVersion(Project current) =>
        new($"The project was changed by someone else (now at version {current.Version}). Reload it and try again.");

    private static string Summary(Project project) =>
        DocumentJson.Serialize(new { project.Name, project.Description });

    private static DocumentKey Key(string projectId) => new($"PROJECT#{projectId}", "PROJECT");

    private static DocumentKey CounterKey(string teamId) => new($"TEAM#{teamId}", "projects");

    private static DocumentItem ToItem(Project project) =>
        new(Key(project.Id), DocumentJson.Serialize(project), project.Version)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"TEAM#{project.TeamId}",
                ["gsi1sk"] = ProjectRules.NameSortKey(project.Name, project.Id),
            },
        };

    private static Project ToProject(DocumentItem item) => DocumentJson.Deserialize<Project>(item.Body);
}
