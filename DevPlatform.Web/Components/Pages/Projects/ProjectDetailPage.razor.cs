using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Teams;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Projects;

public sealed partial class ProjectDetailPage
{
    [Inject] private ProjectService Projects { get; set; } = default!;
    [Inject] private ActivityLog Activity { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";

    /// <summary>What the prerender loaded, carried into the live circuit so that one view is one read.</summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public ProjectDetailState? Prerendered { get; set; }

    /// <summary>Null while the project named by <see cref="Id"/> loads.</summary>
    private ProjectDetailState? _state;
    private string? _error;
    private Actor? _actor;
    private string? _requestedId;

    private List<BreadcrumbItem> Breadcrumbs =>
        _state?.Project is { } project ? [new("Projects", "/projects"), new(project.Name, null, disabled: true)] : [new("Projects", "/projects")];

    protected override async Task OnParametersSetAsync()
    {
        if (_requestedId == Id) return;
        // Another project (or the first): nothing of the previous one may stay on screen, its not-found alert included.
        var id = _requestedId = Id;
        _state = null;
        _error = null;
        _actor ??= await CurrentUser.GetActorAsync();
        var prerendered = Prerendered;
        // The state came back from the page's HTML: only ever use it for the user and project it was rendered for.
        var state = prerendered is not null && prerendered.UserId == _actor.UserId && prerendered.ProjectId == id
            ? prerendered
            : await LoadAsync(_actor, id);
        if (id != _requestedId) return; // The user moved on to another project while this one loaded.
        _state = state;
        Prerendered = RendererInfo.IsInteractive ? null : state;
    }

    private async Task<ProjectDetailState> LoadAsync(Actor actor, string id)
    {
        if (await GetOrNullAsync(id) is not { } project) return new ProjectDetailState(actor.UserId, id, null, []);
        var history = await Activity.ListForTargetAsync(ProjectService.TargetType, id, ProjectDetailState.HistoryShown);
        return new ProjectDetailState(actor.UserId, id, project, history, await RoleInAsync(project.TeamId));
    }

    private async Task<TeamRole?> RoleInAsync(string teamId)
    {
        try
        {
            return (await CurrentUser.GetMembershipAsync(teamId)).Role;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task OnActivityAsync(ActivityRecord record)
    {
        // The caller's own role in the project's team changed: what the page offers changes with it.
        if (_state is { Project: { } ofTeam } && record.TargetType == TeamMembership.TargetType && record.TargetId == _actor?.UserId)
        {
            var role = await RoleInAsync(ofTeam.TeamId);
            if (_state?.ProjectId == ofTeam.Id) _state = _state with { Role = role };
            return;
        }
        if (_state is not { Project: { } shown } state || record.TargetId != shown.Id) return;
        var history = RecentActivity.Add(state.History, record, ProjectDetailState.HistoryShown);
        // The event says what changed but not the new version, which the next edit must send: read the project again.
        var project = record.Action == ActivityActions.ProjectDeleted ? null : await GetOrNullAsync(shown.Id);
        if (_state?.ProjectId == shown.Id) _state = _state with { Project = project, History = history };
    }

    private async Task<Project?> GetOrNullAsync(string id)
    {
        try
        {
            return await Projects.GetAsync(_actor!, id);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task EditAsync()
    {
        var project = _state!.Project!;
        var saved = await Dialogs.EditAsync(project, input => ProjectDialogs.SaveMessageAsync(async () =>
        {
            // Shown from the write's answer, not from a read that an index may not have caught up with.
            var updated = await Projects.UpdateAsync(_actor!, project.Id, input, project.Version);
            if (_state?.ProjectId == project.Id) _state = _state with { Project = updated };
        }));
        if (saved) Snackbar.Add("Project saved.", Severity.Success);
    }

    private async Task DeleteAsync()
    {
        var project = _state!.Project!;
        if (!await Dialogs.ConfirmDeleteAsync(project)) return;
        try
        {
            await Projects.DeleteAsync(_actor!, project.Id, project.Version);
            Snackbar.Add($"Deleted “{project.Name}”.", Severity.Success);
            Navigation.NavigateTo("/projects");
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException)
        {
            _error = e.Message;
        }
    }
}
