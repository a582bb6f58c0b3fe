namespace DevPlatform.Web.Components.Pages.Team;

// Inside the namespace, so that "Team" is Core's type rather than this folder's namespace.
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

public sealed partial class TeamPage
{
    [Inject] private TeamScreen Screen { get; set; } = default!;
    [Inject] private TeamService Teams { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Set by the create-team dialog's reload into the new team.</summary>
    [SupplyParameterFromQuery] public int? Created { get; set; }

    /// <summary>Set by the invitation page after an accept.</summary>
    [SupplyParameterFromQuery] public int? Joined { get; set; }

    /// <summary>The name of the team just left, which the reload no longer shows.</summary>
    [SupplyParameterFromQuery] public string? Left { get; set; }

    /// <summary>The team the prerender loaded, carried into the live circuit so that one view is one read.</summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public TeamScreenState? Prerendered { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await Screen.InitializeAsync(Prerendered);
        Prerendered = RendererInfo.IsInteractive ? null : Screen.Snapshot();
    }

    private async Task OnActivityAsync(ActivityRecord record)
    {
        if (!await Screen.ApplyAsync(record) || record.ActorId == Screen.UserId) return;
        if (Screen.NoLongerMember) return;
        Snackbar.Add(Describe(record), Severity.Info);
    }

    private static string Describe(ActivityRecord record) => record.Action switch
    {
        ActivityActions.MemberAdded => $"{record.TargetName} joined the team.",
        ActivityActions.MemberRemoved when record.ActorId == record.TargetId => $"{record.TargetName} left the team.",
        ActivityActions.MemberRemoved => $"{record.ActorName} removed {record.TargetName}.",
        ActivityActions.MemberRoleChanged => $"{record.ActorName} changed the role of {record.TargetName}.",
        ActivityActions.TeamRenamed => $"{record.ActorName} renamed the team to “{record.TargetName}”.",
        ActivityActions.InvitationSent => $"{record.ActorName} invited {record.TargetName}.",
        ActivityActions.InvitationDeclined => $"{record.TargetName} declined the invitation.",
        _ => $"{record.ActorName} changed the team's invitations.",
    };

    private void OnChanged() => StateHasChanged();

    private async Task RenameAsync()
    {
        if (Screen.Team is { } team && await Dialogs.RenameTeamAsync(team, Screen.RenameAsync)) Snackbar.Add("Team renamed.", Severity.Success);
    }

    private Task CreateTeamAsync() => Dialogs.CreateTeamAsync(Teams, CurrentUser, Navigation);

    private void ReloadPage() => Navigation.NavigateTo("/team", forceLoad: true);

    internal static string Article(TeamRole role) => role is TeamRole.Owner or TeamRole.Admin ? "an" : "a";
}
