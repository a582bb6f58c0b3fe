using System.Text;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Components.Pages.Schema;

/// <summary>
/// The state of one Schema page: the team's projects, the chosen project's schemas, the open one with its editor draft,
/// history, a version being viewed and a diff, and the calls that change them. Refusals from Core become messages
/// instead of escaping to the error boundary; a stale save keeps the draft and says who saved what.
/// </summary>
public sealed partial class SchemaScreen(SchemaService schemas, ProjectService projects, CurrentUser currentUser)
{
    private Actor? _actor;

    public string? TeamId { get; private set; }
    public string UserId => _actor?.UserId ?? "";
    public TeamRole? Role { get; private set; }
    public bool CanWrite => Role is { } role && AccessControl.Allows(role, TeamPermission.Write);
    public bool CanDelete => Role is { } role && AccessControl.Allows(role, TeamPermission.Delete);
    public string? WhyCannotWrite => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Write);
    public string? WhyCannotDelete => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Delete);

    public IReadOnlyList<Project> Projects { get; private set; } = [];
    public string? ProjectId { get; private set; }
    public IReadOnlyList<SchemaSummary> Items { get; private set; } = [];
    public bool Loading { get; private set; } = true;
    public string? Error { get; private set; }

    /// <summary>The open schema's latest version as last read or written; the draft starts from it.</summary>
    public SchemaDocument? Current { get; private set; }
    public SchemaDraft? Draft { get; private set; }
    public IReadOnlyList<SchemaVersionSummary> Versions { get; private set; } = [];
    public SchemaDocument? Viewing { get; private set; }
    public SchemaDiff? Diff { get; private set; }

    /// <summary>Set when a save found that someone else saved first: the draft is kept, nothing was stored.</summary>
    public SchemaConflict? Conflict { get; private set; }

    public bool IsDirty => Current is not null && Draft is not null && Draft.Differs(Current.Name, Current.Entities);

    /// <summary>The ER diagram of what the editor shows (the saved version while the draft breaks a rule), as an image source.</summary>
    public string? DiagramSource => Current is null ? null
        : DataUri(ErDiagram.Render(Draft?.IsValid == true ? Draft.Name.Trim() : Current.Name, Draft?.Preview ?? Current.Definition));

    public string? ViewingDiagramSource => Viewing is null ? null : DataUri(ErDiagram.Render(Viewing.Name, Viewing.Definition));

    /// <summary>
    /// Reads the team's projects and opens <paramref name="projectId"/> (else the first) and <paramref name="schemaId"/>, or
    /// takes over <paramref name="prerendered"/> when the prerender loaded exactly that for this same user.
    /// </summary>
    public async Task InitializeAsync(string? projectId, string? schemaId, SchemaScreenState? prerendered = null)
    {
        _actor = await currentUser.GetActorAsync();
        // The state came back from the page's HTML: only ever use it for the user and the address it was rendered for.
        if (prerendered is not null && prerendered.UserId == _actor.UserId && (projectId is null || projectId == prerendered.ProjectId)
            && schemaId == prerendered.Current?.Id)
        {
            (TeamId, Role, Projects, ProjectId, Items, Current, Versions, Loading) =
                (prerendered.TeamId, prerendered.Role, prerendered.Projects, prerendered.ProjectId, prerendered.Items, prerendered.Current, prerendered.Versions, false);
            Draft = Current is null ? null : SchemaDraft.From(Current.Name, Current.Entities);
            return;
        }
        var teamId = TeamId = await currentUser.GetTeamIdAsync();
        try
        {
            Role = (await currentUser.GetMembershipAsync(teamId)).Role;
            Projects = (await projects.ListAsync(_actor, teamId, new ProjectListQuery { PageSize = ProjectRules.MaxPageSize })).Items;
        }
        catch (Exception e) when (DomainCall.MessageOf(e) is { } message)
        {
            Error = message;
        }
        var project = Projects.FirstOrDefault(p => p.Id == projectId) ?? Projects.FirstOrDefault();
        if (projectId is not null && project?.Id != projectId) Error = "That project does not exist in this team; showing another.";
        await SelectProjectAsync(project?.Id);
        if (schemaId is not null && ProjectId is not null) await OpenAsync(schemaId);
    }

    /// <summary>What the page shows now, to persist across the prerender; null when it shows an error (the live circuit then tries again).</summary>
    public SchemaScreenState? Snapshot() =>
        _actor is null || Error is not null || Loading ? null : new SchemaScreenState(_actor.UserId, TeamId, Role, Projects, ProjectId, Items, Current, Versions);

    public async Task SelectProjectAsync(string? projectId)
    {
        ProjectId = projectId;
        Close();
        await ReloadAsync();
    }

    public async Task ReloadAsync()
    {
        if (ProjectId is null)
        {
            (Items, Loading) = ([], false);
            return;
        }
        Loading = true;
        var result = await DomainCall.RunAsync(() => schemas.ListAsync(Actor, ProjectId));
        // What this screen wrote stays listed even while the project index has not caught up with it.
        Items = Merge(result.Value?.Items ?? Items, Current is null ? null : Summary(Current));
        Error = result.Error ?? (Error?.StartsWith("That project", StringComparison.Ordinal) == true ? Error : null);
        Loading = false;
    }

    public async Task OpenAsync(string id)
    {
        var result = await DomainCall.RunAsync(() => schemas.GetAsync(Actor, id, projectId: ProjectId));
        if (result.Value is null)
        {
            Error = result.Error;
            return;
        }
        await ShowAsync(result.Value);
    }

    public void Close() => (Current, Draft, Versions, Viewing, Diff, Conflict) = (null, null, [], null, null, null);

    public void ClearError() => Error = null;

    /// <returns>null when created (and opened), else the message to show.</returns>
    public async Task<string?> CreateAsync(string name)
    {
        if (ProjectId is null) return "Choose a project first.";
        var result = await DomainCall.RunAsync(() => schemas.CreateAsync(Actor, ProjectId, new SchemaInput(name, [])));
        if (result.Value is not { } created) return result.Error;
        // Shown from the write's answer: the project index may not list it yet.
        Items = Merge(Items, Summary(created));
        await ShowAsync(created);
        return null;
    }

    /// <returns>null when saved as a new version, else the message to show (a conflict also sets <see cref="Conflict"/>).</returns>
    public Task<string?> SaveAsync(string? message) => SaveOnAsync(Current?.Version, message);

    /// <summary>After a conflict: saves the draft as the version after the one someone else saved, once the person chose to.</summary>
    public Task<string?> SaveOverAsync(string? message) => SaveOnAsync(Conflict?.LatestVersion, message);

    private async Task<string?> SaveOnAsync(long? baseVersion, string? message)
    {
        if (Current is not { } current || Draft is null || baseVersion is not { } on) return "Nothing is open.";
        try
        {
            var saved = await schemas.SaveAsync(Actor, current.Id, Draft.ToInput(), on, message);
            Items = Merge(Items, Summary(saved));
            await ShowAsync(saved);
            return null;
        }
        catch (ConflictException e)
        {
            var latest = await DomainCall.RunAsync(() => schemas.GetAsync(Actor, current.Id));
            Conflict = new SchemaConflict(e.Message, current.Version, latest.Value?.Version ?? on, latest.Value?.AuthorName ?? "someone");
            return e.Message;
        }
        catch (Exception e) when (DomainCall.MessageOf(e) is { } refused)
        {
            return refused;
        }
    }

    /// <summary>Throws the draft away and opens the latest version (after a conflict, or to start again).</summary>
    public async Task LoadLatestAsync()
    {
        if (Current is not null) await OpenAsync(Current.Id);
    }

    /// <summary>Throws away the draft's changes since the version it started from.</summary>
    public void Revert()
    {
        if (Current is not null) Draft = SchemaDraft.From(Current.Name, Current.Entities);
    }

    /// <summary>Replaces the draft, as the text view does when its JSON reads.</summary>
    public void ReplaceDraft(SchemaDraft draft) => Draft = draft;

    public async Task<string?> DeleteAsync()
    {
        if (Current is not { } current) return null;
        var error = await DomainCall.RunAsync(() => schemas.DeleteAsync(Actor, current.Id, current.Version));
        if (error is not null) return error;
        Items = Items.Where(i => i.Id != current.Id).ToList();
        Close();
        return null;
    }

    public async Task ViewVersionAsync(long number)
    {
        if (Current is null) return;
        var result = await DomainCall.RunAsync(() => schemas.GetAsync(Actor, Current.Id, number));
        (Viewing, Error) = (result.Value, result.Error);
    }

    public void CloseVersion() => Viewing = null;

    public async Task DiffAsync(long from, long to)
    {
        if (Current is null) return;
        var result = await DomainCall.RunAsync(() => schemas.DiffAsync(Actor, Current.Id, from, to));
        (Diff, Error) = (result.Value, result.Error);
    }

    /// <returns>null when restored (as the next version, now open), else the message to show.</returns>
    public async Task<string?> RestoreAsync(long number)
    {
        if (Current is not { } current) return "Nothing is open.";
        var result = await DomainCall.RunAsync(() => schemas.RestoreAsync(Actor, current.Id, number, current.Version));
        if (result.Value is not { } restored) return result.Error;
        Items = Merge(Items, Summary(restored));
        await ShowAsync(restored);
        return null;
    }

    private Actor Actor => _actor ?? throw new InvalidOperationException("The screen is not initialized.");

    private async Task ShowAsync(SchemaDocument document)
    {
        (Current, Draft, Viewing, Diff, Conflict) = (document, SchemaDraft.From(document.Name, document.Entities), null, null, null);
        var history = await DomainCall.RunAsync(() => schemas.ListVersionsAsync(Actor, document.Id, SchemaRules.MaxPageSize));
        Versions = history.Value?.Items ?? [];
        Error = history.Error;
    }

    private static SchemaSummary Summary(SchemaDocument d) => new(d.Id, d.ProjectId, d.Name, d.LatestVersion, d.Entities.Count,
        d.Entities.Sum(e => e.Fields.Count), d.Entities.Sum(e => e.RelationList.Count), d.SavedAt, d.AuthorName);

    private static IReadOnlyList<SchemaSummary> Merge(IEnumerable<SchemaSummary> items, SchemaSummary? written) =>
        (written is null ? items : items.Where(i => i.Id != written.Id).Append(written))
            .OrderBy(i => SchemaRules.NameKey(i.Name), StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

    private static string DataUri(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
}

/// <summary>A save refused because <see cref="AuthorName"/> saved version <see cref="LatestVersion"/> after <see cref="BaseVersion"/>.</summary>
public sealed record SchemaConflict(string Message, long BaseVersion, long LatestVersion, string AuthorName);

/// <summary>A prerendered Schema page, carried into the live circuit so one page view is one read.</summary>
public sealed record SchemaScreenState(string UserId, string? TeamId, TeamRole? Role, IReadOnlyList<Project> Projects, string? ProjectId,
    IReadOnlyList<SchemaSummary> Items, SchemaDocument? Current, IReadOnlyList<SchemaVersionSummary> Versions);
