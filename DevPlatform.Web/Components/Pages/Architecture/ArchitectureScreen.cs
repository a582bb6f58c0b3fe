using System.Text;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Uploads;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Components.Pages.Architecture;

/// <summary>
/// The state of one Architecture page: the team's projects, the chosen project's architectures, the open one with its
/// editor draft, history, comparison and diagram image, and the calls that change them. Refusals from Core become
/// messages (returned, or in <see cref="Error"/>) instead of escaping to the error boundary.
/// </summary>
public sealed partial class ArchitectureScreen(ArchitectureService architectures, ProjectService projects, CurrentUser currentUser)
{
    private Actor? _actor;

    /// <summary>The team the page works in (the current team), for live updates.</summary>
    public string? TeamId { get; private set; }
    public string UserId => _actor?.UserId ?? "";
    public TeamRole? Role { get; private set; }
    public bool CanWrite => Role is { } role && AccessControl.Allows(role, TeamPermission.Write);
    public bool CanDelete => Role is { } role && AccessControl.Allows(role, TeamPermission.Delete);
    public string? WhyCannotWrite => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Write);
    public string? WhyCannotDelete => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Delete);

    public IReadOnlyList<Project> Projects { get; private set; } = [];
    public string? ProjectId { get; private set; }
    public IReadOnlyList<ArchitectureSummary> Items { get; private set; } = [];
    public bool Loading { get; private set; } = true;
    public string? Error { get; private set; }

    /// <summary>The open architecture as last read or written; the draft starts from it.</summary>
    public ArchitectureDesign? Current { get; private set; }
    public ArchitectureDraft? Draft { get; private set; }
    public IReadOnlyList<ArchitectureVersionSummary> Versions { get; private set; } = [];
    public ArchitectureVersion? Viewing { get; private set; }
    public ArchitectureDiff? Diff { get; private set; }
    public string? DiagramUrl { get; private set; }

    public bool IsDirty => Current is not null && Draft is not null && Draft.Differs(Current.Content);

    /// <summary>The component diagram of what the editor shows (the saved content while the draft breaks a rule), as an image source.</summary>
    public string? ComponentDiagramSource => (Draft?.Preview ?? Current?.Content) is { } content ? DataUri(ComponentDiagram.Render(content)) : null;

    public string? VersionDiagramSource => Viewing is null ? null : DataUri(ComponentDiagram.Render(Viewing.Content));

    /// <summary>
    /// Reads the team's projects and opens <paramref name="projectId"/> (else the first) and <paramref name="architectureId"/>,
    /// or takes over <paramref name="prerendered"/> when the prerender loaded exactly that for this same user.
    /// </summary>
    public async Task InitializeAsync(string? projectId, string? architectureId, ArchitectureScreenState? prerendered = null)
    {
        _actor = await currentUser.GetActorAsync();
        // The state came back from the page's HTML: only ever use it for the user and the address it was rendered for.
        if (prerendered is not null && prerendered.UserId == _actor.UserId && (projectId is null || projectId == prerendered.ProjectId)
            && architectureId == prerendered.Current?.Id)
        {
            (TeamId, Role, Projects, ProjectId, Items, Current, Versions, DiagramUrl, Loading) =
                (prerendered.TeamId, prerendered.Role, prerendered.Projects, prerendered.ProjectId, prerendered.Items, prerendered.Current, prerendered.Versions, prerendered.DiagramUrl, false);
            Draft = Current is null ? null : ArchitectureDraft.From(Current.Content);
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
        if (architectureId is not null && ProjectId is not null) await OpenAsync(architectureId);
    }

    /// <summary>What the page shows now, to persist across the prerender; null when it shows an error (the live circuit then tries again).</summary>
    public ArchitectureScreenState? Snapshot() =>
        _actor is null || Error is not null || Loading ? null
            : new ArchitectureScreenState(_actor.UserId, TeamId, Role, Projects, ProjectId, Items, Current, Versions, DiagramUrl);

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
            Items = [];
            Loading = false;
            return;
        }
        Loading = true;
        var result = await DomainCall.RunAsync(() => architectures.ListAsync(Actor, ProjectId));
        Items = result.Value?.Items ?? [];
        Error = result.Error ?? (Error?.StartsWith("That project", StringComparison.Ordinal) == true ? Error : null);
        Loading = false;
    }

    public async Task OpenAsync(string id)
    {
        var result = await DomainCall.RunAsync(() => architectures.GetAsync(Actor, id, ProjectId));
        if (result.Value is null)
        {
            Error = result.Error;
            return;
        }
        await ShowAsync(result.Value);
    }

    public void Close()
    {
        (Current, Draft, Versions, Viewing, Diff, DiagramUrl) = (null, null, [], null, null, null);
    }

    public void ClearError() => Error = null;

    /// <returns>null when created (and opened), else the message to show.</returns>
    public async Task<string?> CreateAsync(ArchitectureInput input)
    {
        if (ProjectId is null) return "Choose a project first.";
        var result = await DomainCall.RunAsync(() => architectures.CreateAsync(Actor, ProjectId, input));
        if (result.Value is not { } created) return result.Error;
        // Shown from the write's answer: the project index may not list it yet.
        Items = [.. Items.Where(i => i.Id != created.Id), ArchitectureService.Summary(created)];
        Items = Items.OrderBy(i => ArchitectureRules.Identity(i.Name), StringComparer.Ordinal).ToList();
        await ShowAsync(created);
        return null;
    }

    /// <returns>null when saved as a new version, else the message to show (a stale version says so).</returns>
    public async Task<string?> SaveAsync(string? message)
    {
        if (Current is null || Draft is null) return "Nothing is open.";
        var result = await DomainCall.RunAsync(() => architectures.UpdateAsync(Actor, Current.Id, Draft.ToInput(), Current.Version, message));
        if (result.Value is not { } saved) return result.Error;
        Replace(saved);
        await ShowAsync(saved);
        return null;
    }

    /// <summary>Throws away the draft's changes.</summary>
    public void Revert()
    {
        if (Current is not null) Draft = ArchitectureDraft.From(Current.Content);
    }

    public async Task<string?> DeleteAsync()
    {
        if (Current is not { } current) return null;
        var error = await DomainCall.RunAsync(() => architectures.DeleteAsync(Actor, current.Id, current.Version));
        if (error is not null) return error;
        Items = Items.Where(i => i.Id != current.Id).ToList();
        Close();
        return null;
    }

    public async Task ViewVersionAsync(long number)
    {
        if (Current is null) return;
        var result = await DomainCall.RunAsync(() => architectures.GetVersionAsync(Actor, Current.Id, number));
        (Viewing, Error) = (result.Value, result.Error);
    }

    public async Task CompareAsync(long from, long to)
    {
        if (Current is null) return;
        var result = await DomainCall.RunAsync(() => architectures.CompareAsync(Actor, Current.Id, Math.Min(from, to), Math.Max(from, to)));
        (Diff, Error) = (result.Value, result.Error);
    }

    /// <summary>The streaming route <see cref="FileUpload"/> sends the open architecture's diagram image to.</summary>
    public string DiagramUploadUrl => Current is null ? ""
        : $"api/architecture/{Uri.EscapeDataString(Current.Id)}/diagram?projectId={Uri.EscapeDataString(Current.ProjectId)}";

    /// <summary>After the browser stored a new image: shows it, read back from storage with a fresh link.</summary>
    public async Task DiagramUploadedAsync()
    {
        if (Current is null) return;
        var result = await DomainCall.RunAsync(() => architectures.GetAsync(Actor, Current.Id, Current.ProjectId));
        if (result.Value is not { } saved)
        {
            Error = result.Error;
            return;
        }
        Current = saved;
        Replace(saved);
        DiagramUrl = await UrlAsync(saved);
    }

    public async Task<string?> DeleteDiagramAsync()
    {
        if (Current is null) return null;
        var result = await DomainCall.RunAsync(() => architectures.DeleteDiagramAsync(Actor, Current.Id, Current.ProjectId));
        if (result.Value is not { } saved) return result.Error;
        Current = saved;
        Replace(saved);
        DiagramUrl = null;
        return null;
    }

    private Actor Actor => _actor ?? throw new InvalidOperationException("The screen is not initialized.");

    private async Task ShowAsync(ArchitectureDesign design)
    {
        (Current, Draft, Viewing, Diff) = (design, ArchitectureDraft.From(design.Content), null, null);
        var history = await DomainCall.RunAsync(() => architectures.ListVersionsAsync(Actor, design.Id));
        Versions = history.Value?.Items ?? [];
        DiagramUrl = await UrlAsync(design);
        Error = history.Error;
    }

    private async Task<string?> UrlAsync(ArchitectureDesign design) =>
        design.Diagram is null ? null : (await DomainCall.RunAsync(() => architectures.GetDiagramUrlAsync(Actor, design.Id, design.ProjectId))).Value?.ToString();

    private void Replace(ArchitectureDesign saved) =>
        Items = Items.Select(i => i.Id == saved.Id ? ArchitectureService.Summary(saved) : i).ToList();

    private static string DataUri(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
}

/// <summary>A prerendered Architecture page, carried into the live circuit so one page view is one read.</summary>
public sealed record ArchitectureScreenState(string UserId, string? TeamId, TeamRole? Role, IReadOnlyList<Project> Projects, string? ProjectId,
    IReadOnlyList<ArchitectureSummary> Items, ArchitectureDesign? Current, IReadOnlyList<ArchitectureVersionSummary> Versions, string? DiagramUrl);
