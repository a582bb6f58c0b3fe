namespace DevPlatform.Web.Components.Pages.Team;

// Inside the namespace, so that "Team" is Core's type rather than this folder's namespace.
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

/// <summary>The dialogs of the Team area, so the page, its sections and the team switcher ask and say the same things.</summary>
public static class TeamDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>Names a new team; once it is made, selects it and reloads into its Team page, so every screen works in it.</summary>
    public static async Task CreateTeamAsync(this IDialogService dialogs, TeamService teams, CurrentUser currentUser, NavigationManager navigation)
    {
        Team? created = null;
        var parameters = new DialogParameters<TeamNameDialog>
        {
            { d => d.Title, "New team" },
            { d => d.Intro, "You will be its Owner; invite people once it is made." },
            { d => d.Save, name => DomainCall.RunAsync(async () => { created = await teams.CreateAsync(await currentUser.GetActorAsync(), name); }) },
        };
        var dialog = await dialogs.ShowAsync<TeamNameDialog>("New team", parameters, Options);
        if ((await dialog.Result) is not { Canceled: false } || created is null) return;
        await currentUser.SelectTeamAsync(created.Id);
        navigation.NavigateTo("/team?created=1", forceLoad: true);
    }

    public static async Task<bool> RenameTeamAsync(this IDialogService dialogs, Team team, Func<string?, Task<string?>> save)
    {
        var parameters = new DialogParameters<TeamNameDialog>
        {
            { d => d.Title, "Rename team" }, { d => d.Name, team.Name }, { d => d.SaveText, "Save" }, { d => d.Save, save },
        };
        var dialog = await dialogs.ShowAsync<TeamNameDialog>("Rename team", parameters, Options);
        return (await dialog.Result) is { Canceled: false };
    }

    public static async Task InviteAsync(this IDialogService dialogs, Team team, IReadOnlyList<TeamRole> roles,
        Func<string?, TeamRole, Task<DomainResult<IssuedInvitation>>> invite)
    {
        var parameters = new DialogParameters<InviteDialog> { { d => d.TeamName, team.Name }, { d => d.Roles, roles }, { d => d.Invite, invite } };
        await (await dialogs.ShowAsync<InviteDialog>("Invite", parameters, Options)).Result;
    }

    /// <summary>Shows a resent invitation's new link, once.</summary>
    public static async Task ShowInvitationLinkAsync(this IDialogService dialogs, Team team, IssuedInvitation issued)
    {
        var parameters = new DialogParameters<InviteDialog> { { d => d.TeamName, team.Name }, { d => d.Issued, issued } };
        await (await dialogs.ShowAsync<InviteDialog>("Invitation link", parameters, Options)).Result;
    }
}
