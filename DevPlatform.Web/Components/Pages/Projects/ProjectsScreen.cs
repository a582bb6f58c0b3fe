using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Components.Pages.Projects;

/// <summary>
/// The state of one Projects page: the current page of projects, search, order and paging, and the calls that
/// change projects. Failures the user can act on become <see cref="Error"/> (or a returned message) instead of
/// escaping to the error boundary. <see cref="Snapshot"/> and <see cref="InitializeAsync"/> carry a prerendered page
/// into the live circuit, so one page view is one read.
/// </summary>
public sealed class ProjectsScreen(ProjectService projects, CurrentUser currentUser, TimeProvider time)
{
    private readonly RecentWrites _recent = new(time);
    private Actor? _actor;

    public string TeamId { get; private set; } = "";
    public string UserId => _actor?.UserId ?? "";
    /// <summary>The caller's role in the team, read with the page; null until then (or when they are no member).</summary>
    public TeamRole? Role { get; private set; }
    public bool CanWrite => Role is { } role && AccessControl.Allows(role, TeamPermission.Write);
    public bool CanDelete => Role is { } role && AccessControl.Allows(role, TeamPermission.Delete);
    /// <summary>Why the caller may not create or edit projects; null when they may, or while their role is not known yet.</summary>
    public string? WhyCannotWrite => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Write);
    /// <summary>Why the caller may not delete projects; null when they may, or while their role is not known yet.</summary>
    public string? WhyCannotDelete => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.Delete);
    public IReadOnlyList<Project> Items { get; private set; } = [];
    public long TotalInTeam { get; private set; }
    /// <summary>True until the first page is there (so the empty state never flashes), and during every reload.</summary>
    public bool Loading { get; private set; } = true;
    public string? Error { get; private set; }
    public string? Search { get; private set; }
    public bool Descending { get; private set; }
    public int PageSize { get; private set; } = 20;
    public CursorPager Pager { get; } = new();

    public string RangeText => Items.Count == 0 ? ""
        : string.IsNullOrWhiteSpace(Search)
            ? $"{Pager.PageIndex * PageSize + 1}–{Pager.PageIndex * PageSize + Items.Count} of {TotalInTeam}"
            : $"{Items.Count} matching on this page";

    /// <summary>Loads the first page, or takes over <paramref name="prerendered"/> when it was loaded for this same user.</summary>
    public async Task InitializeAsync(ProjectsScreenState? prerendered = null)
    {
        _actor = await currentUser.GetActorAsync();
        // The state came back from the page's HTML: only ever use it for the user it was rendered for.
        if (prerendered is not null && prerendered.UserId == _actor.UserId)
        {
            Restore(prerendered);
            return;
        }
        TeamId = await currentUser.GetTeamIdAsync();
        await RefreshRoleAsync();
        await ReloadAsync();
    }

    /// <summary>Reads the caller's role again (it changed while the page was open).</summary>
    public async Task RefreshRoleAsync()
    {
        try
        {
            Role = (await currentUser.GetMembershipAsync(TeamId)).Role;
        }
        catch (NotFoundException e)
        {
            Role = null;
            Error = e.Message;
        }
    }

    /// <summary>What the page shows now, to persist; null when it shows an error (the live circuit then tries again).</summary>
    public ProjectsScreenState? Snapshot() =>
        _actor is null || Error is not null || Loading
            ? null
            : new ProjectsScreenState(_actor.UserId, TeamId, Role, Items, TotalInTeam, Search, Descending, PageSize, Pager.PageTokens.ToList(), Pager.PageIndex);

    public async Task ReloadAsync()
    {
        Loading = true;
        try
        {
            var page = await projects.ListAsync(Actor, TeamId, new ProjectListQuery
            {
                Search = Search, Descending = Descending, PageSize = PageSize, ContinuationToken = Pager.CurrentToken,
            });
            // A page emptied by deletes steps back rather than showing nothing.
            if (page.Items.Count == 0 && Pager.HasPrevious)
            {
                Pager.Previous();
                await ReloadAsync();
                return;
            }
            Items = _recent.ApplyTo(page.Items, Search, Descending, PageSize, isFirstPage: !Pager.HasPrevious, isLastPage: page.ContinuationToken is null);
            TotalInTeam = page.TotalInTeam;
            Pager.OnPageLoaded(page.ContinuationToken);
            Error = null;
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            Error = e.Message;
        }
        finally
        {
            Loading = false;
        }
    }

    public Task SearchAsync(string? text)
    {
        Search = text;
        return RestartAsync();
    }

    public Task ToggleOrderAsync()
    {
        Descending = !Descending;
        return RestartAsync();
    }

    public Task SetPageSizeAsync(int size)
    {
        PageSize = size;
        return RestartAsync();
    }

    public Task NextAsync()
    {
        Pager.Next();
        return ReloadAsync();
    }

    public Task PreviousAsync()
    {
        Pager.Previous();
        return ReloadAsync();
    }

    public void ClearError() => Error = null;

    /// <returns>null when created, else the message to show in the dialog.</returns>
    public Task<string?> CreateAsync(ProjectInput input) =>
        SaveAsync(async () => _recent.Saved(await projects.CreateAsync(Actor, TeamId, input)));

    /// <returns>null when saved, else the message to show in the dialog.</returns>
    public Task<string?> UpdateAsync(Project project, ProjectInput input) =>
        SaveAsync(async () => _recent.Saved(await projects.UpdateAsync(Actor, project.Id, input, project.Version)));

    public async Task<bool> DeleteAsync(Project project)
    {
        try
        {
            await projects.DeleteAsync(Actor, project.Id, project.Version);
            _recent.Deleted(project.Id);
            await ReloadAsync();
            return true;
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException or ConflictException)
        {
            Error = e.Message;
            return false;
        }
    }

    private async Task<string?> SaveAsync(Func<Task> save)
    {
        var message = await ProjectDialogs.SaveMessageAsync(save);
        if (message is null) await ReloadAsync();
        return message;
    }

    private Task RestartAsync()
    {
        Pager.Reset();
        return ReloadAsync();
    }

    private void Restore(ProjectsScreenState state)
    {
        TeamId = state.TeamId;
        Role = state.Role;
        Items = state.Items;
        TotalInTeam = state.TotalInTeam;
        Search = state.Search;
        Descending = state.Descending;
        PageSize = state.PageSize;
        Pager.Restore(state.PageTokens, state.PageIndex);
        Error = null;
        Loading = false;
    }

    private Actor Actor => _actor ?? throw new InvalidOperationException("InitializeAsync was not called.");
}

/// <summary>One Projects page as the prerender loaded it, persisted into the page for the live circuit.</summary>
public sealed record ProjectsScreenState(
    string UserId,
    string TeamId,
    TeamRole? Role,
    IReadOnlyList<Project> Items,
    long TotalInTeam,
    string? Search,
    bool Descending,
    int PageSize,
    IReadOnlyList<string?> PageTokens,
    int PageIndex);
