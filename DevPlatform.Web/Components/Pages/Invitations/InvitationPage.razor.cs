using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Web.Components.Pages.Team;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Invitations;

/// <summary>
/// What an invitation link names, for anyone who holds it, signed in or not: an open invitation can be accepted or
/// declined (after signing in); any other state gets a page saying why the link no longer works, never an error.
/// </summary>
public sealed partial class InvitationPage
{
    [Inject] private InvitationService Invitations { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string Token { get; set; } = "";

    /// <summary>What the prerender found, carried into the live circuit so that one view is one read.</summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public InvitationPageState? Prerendered { get; set; }

    /// <summary>Null while the link is checked.</summary>
    private InvitationPageState? _state;
    private Actor? _actor;
    private string? _error;
    private bool _busy;

    private string SignInHref => $"/account/sign-in?returnUrl={Uri.EscapeDataString($"/invitations/{Token}")}";

    protected override async Task OnParametersSetAsync()
    {
        if (_state?.Token == Token) return;
        _state = null;
        _actor = await CurrentUser.TryGetActorAsync();
        // The state came back from the page's HTML: only ever use it for the same person (or nobody) and the same link.
        _state = Prerendered is { } prerendered && prerendered.UserId == _actor?.UserId && prerendered.Token == Token
            ? prerendered
            : await LoadAsync();
        Prerendered = RendererInfo.IsInteractive ? null : _state;
    }

    private async Task<InvitationPageState> LoadAsync()
    {
        var check = await Invitations.CheckAsync(Token);
        var member = _actor is not null && check is { State: InvitationState.Open, Invitation: { } open } && await IsMemberAsync(open.TeamId);
        return new InvitationPageState(_actor?.UserId, Token, check, member);
    }

    private async Task<bool> IsMemberAsync(string teamId)
    {
        try
        {
            await CurrentUser.GetMembershipAsync(teamId);
            return true;
        }
        catch (Core.Common.NotFoundException)
        {
            return false;
        }
    }

    private async Task AcceptAsync()
    {
        if (_actor is null || _busy) return;
        _busy = true;
        try
        {
            var accepted = await DomainCall.RunAsync(() => Invitations.AcceptAsync(_actor, Token));
            if (accepted.Value is not { } invitation)
            {
                // Expired, revoked or answered meanwhile: show the link as it is now, with what happened.
                (_error, _state) = (accepted.Error, await LoadAsync());
                return;
            }
            var selected = await DomainCall.RunAsync(() => CurrentUser.SelectTeamAsync(invitation.TeamId));
            Navigation.NavigateTo(selected is null ? "/team?joined=1" : "/team", forceLoad: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeclineAsync()
    {
        if (_actor is null || _busy || _state?.Check.Invitation is not { } invitation) return;
        if (!await Dialogs.ConfirmAsync("Decline the invitation?",
                $"You will not join {invitation.TeamName}, and this link stops working. {invitation.InvitedByName} can invite you again.", "Decline"))
            return;
        _busy = true;
        try
        {
            var declined = await DomainCall.RunAsync(() => Invitations.DeclineAsync(_actor, Token));
            (_error, _state) = (declined.Error, await LoadAsync());
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenTeamAsync(string teamId)
    {
        var error = await DomainCall.RunAsync(() => CurrentUser.SelectTeamAsync(teamId));
        Navigation.NavigateTo(error is null ? "/team" : "/", forceLoad: true);
    }

    /// <summary>The team of an invitation this same person accepted already (a second click, another tab), else null.</summary>
    private string? JoinedByMe(InvitationCheck check) =>
        check is { State: InvitationState.Accepted, Invitation: { } i } && _actor is not null && i.RespondedBy == _actor.UserId ? i.TeamId : null;

    private string Words(InvitationCheck check) =>
        JoinedByMe(check) is not null ? "You accepted this invitation already: you are a member of the team."
        : check is { State: InvitationState.Declined, Invitation: { } i } && _actor is not null && i.RespondedBy == _actor.UserId
            ? $"You declined this invitation, so you did not join. {i.InvitedByName} can invite you again."
        : InvitationService.Unusable(check.State);

    private static (string Icon, string Title) Heading(InvitationState state) => state switch
    {
        InvitationState.Expired => (Icons.Material.Filled.EventBusy, "Invitation expired"),
        InvitationState.Revoked => (Icons.Material.Filled.Block, "Invitation withdrawn"),
        InvitationState.Accepted => (Icons.Material.Filled.TaskAlt, "Invitation already used"),
        InvitationState.Declined => (Icons.Material.Filled.DoNotDisturbOn, "Invitation declined"),
        InvitationState.Replaced => (Icons.Material.Filled.LinkOff, "Link replaced by a newer one"),
        _ => (Icons.Material.Filled.LinkOff, "Invitation link not valid"),
    };
}

/// <summary>What an invitation link showed (to whom, if anyone was signed in), persisted into the page for the live circuit.</summary>
public sealed record InvitationPageState(string? UserId, string Token, InvitationCheck Check, bool AlreadyMember);
