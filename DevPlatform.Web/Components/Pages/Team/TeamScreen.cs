namespace DevPlatform.Web.Components.Pages.Team;

// Inside the namespace, so that "Team" is Core's type rather than this folder's namespace.
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;

/// <summary>
/// The state of one Team page: the current team with its members, its pending invitations (for those who manage
/// members), and the calls that change them. Refusals become <see cref="Error"/> or a returned message. Changes show
/// from the write's answer; the invitation list comes from an index that may lag, so the screen lays its own recent
/// invitation writes over it for a minute.
/// </summary>
public sealed class TeamScreen(TeamService teams, TeamMembership membership, InvitationService invitations, CurrentUser currentUser,
    NavigationManager navigation, TimeProvider time)
{
    private static readonly TimeSpan RecentFor = TimeSpan.FromMinutes(1);
    /// <summary>Invitations this screen wrote, by id: with the link's token while pending (to ask whether it still is), for a minute.</summary>
    private readonly Dictionary<string, (Invitation Invitation, string? Token, DateTimeOffset At)> _recentInvitations = [];
    private IReadOnlyList<Invitation> _listedInvitations = [];
    private Actor? _actor;

    public string TeamId { get; private set; } = "";
    public string UserId => _actor?.UserId ?? "";
    public Team? Team { get; private set; }
    public TeamMember? Me => Team?.Member(UserId);
    public bool Loading { get; private set; } = true;
    public string? Error { get; private set; }
    /// <summary>The person was removed from the team while the page was open (or left it in another tab).</summary>
    public bool NoLongerMember { get; private set; }
    public bool ManagesMembers => Me is { } me && AccessControl.Allows(me.Role, TeamPermission.ManageMembers);
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Pending invitations, newest first, with this screen's own recent writes laid over the index's answer.</summary>
    public IReadOnlyList<Invitation> Invitations
    {
        get
        {
            var now = Now;
            foreach (var id in _recentInvitations.Where(r => now - r.Value.At > RecentFor).Select(r => r.Key).ToList()) _recentInvitations.Remove(id);
            return _listedInvitations.Where(i => !_recentInvitations.ContainsKey(i.Id))
                .Concat(_recentInvitations.Values.Select(r => r.Invitation).Where(i => i.Status == InvitationStatus.Pending))
                .OrderByDescending(i => i.CreatedAt).ToList();
        }
    }

    /// <summary>Loads the current team, or takes over <paramref name="prerendered"/> when it was loaded for this same user.</summary>
    public async Task InitializeAsync(TeamScreenState? prerendered = null)
    {
        _actor = await currentUser.GetActorAsync();
        // The state came back from the page's HTML: only ever use it for the user it was rendered for.
        if (prerendered is not null && prerendered.UserId == _actor.UserId)
        {
            (TeamId, Team, _listedInvitations, Loading) = (prerendered.TeamId, prerendered.Team, prerendered.Invitations, false);
            return;
        }
        TeamId = await currentUser.GetTeamIdAsync();
        await ReloadTeamAsync(withInvitations: true);
        Loading = false;
    }

    /// <summary>What the page shows now, to persist; null when there is nothing worth carrying over.</summary>
    public TeamScreenState? Snapshot() =>
        _actor is null || Team is null || Error is not null ? null : new TeamScreenState(_actor.UserId, TeamId, Team, _listedInvitations);

    /// <summary>
    /// A live event of the team: a membership or team change reads the team again (one read: the event lacks what the
    /// table shows, such as email and picture), an invitation change reads the pending list again.
    /// </summary>
    /// <returns>True when the event was about this page.</returns>
    public async Task<bool> ApplyAsync(ActivityRecord record)
    {
        if (record.TeamId != TeamId || NoLongerMember) return false;
        switch (record.TargetType)
        {
            case TeamMembership.TargetType or TeamService.TargetType:
                // An accepted invitation leaves the pending list as its person joins.
                await ReloadTeamAsync(withInvitations: record.Action == ActivityActions.MemberAdded);
                return true;
            case InvitationService.TargetType:
                await ReloadInvitationsAsync();
                return true;
            default:
                return false;
        }
    }

    public void ClearError() => Error = null;

    /// <returns>null when renamed, else the message for the dialog.</returns>
    public async Task<string?> RenameAsync(string? name) => (await WriteTeamAsync(() => teams.RenameAsync(Actor, TeamId, name))).Error;

    public async Task<bool> ChangeRoleAsync(TeamMember member, TeamRole role) =>
        Shown(await WriteTeamAsync(() => membership.ChangeRoleAsync(Actor, TeamId, member.UserId, role)));

    public async Task<bool> RemoveAsync(TeamMember member) =>
        Shown(await WriteTeamAsync(() => membership.RemoveAsync(Actor, TeamId, member.UserId)));

    public async Task<bool> TransferOwnershipAsync(TeamMember member) =>
        Shown(await WriteTeamAsync(() => membership.TransferOwnershipAsync(Actor, TeamId, member.UserId)));

    /// <summary>Leaves the team; the page then reloads into the person's personal team.</summary>
    public async Task<bool> LeaveAsync() => Shown(await DomainCall.RunAsync(() => membership.LeaveAsync(Actor, TeamId)));

    public async Task<DomainResult<IssuedInvitation>> InviteAsync(string? email, TeamRole role) =>
        Remember(await DomainCall.RunAsync(() => invitations.InviteAsync(Actor, TeamId, email, role, new Uri(navigation.BaseUri))));

    public async Task<DomainResult<IssuedInvitation>> ResendAsync(Invitation invitation) =>
        Remember(await DomainCall.RunAsync(() => invitations.ResendAsync(Actor, TeamId, invitation.Id, new Uri(navigation.BaseUri))));

    public async Task<bool> RevokeAsync(Invitation invitation)
    {
        var result = await DomainCall.RunAsync(() => invitations.RevokeAsync(Actor, TeamId, invitation.Id));
        if (result.Value is { } revoked) _recentInvitations[revoked.Id] = (revoked, null, Now);
        return Shown(result);
    }

    private async Task ReloadTeamAsync(bool withInvitations)
    {
        var managed = ManagesMembers;
        try
        {
            Team = await teams.GetAsync(Actor, TeamId);
        }
        catch (NotFoundException)
        {
            (Team, NoLongerMember, _listedInvitations) = (null, true, []);
            return;
        }
        // The person's own role may have changed: they now see invitations, or no longer may.
        if (!ManagesMembers) _listedInvitations = [];
        else if (withInvitations || !managed) await ReloadInvitationsAsync();
    }

    private async Task ReloadInvitationsAsync()
    {
        if (!ManagesMembers) return;
        var listed = await DomainCall.RunAsync(() => invitations.ListAsync(Actor, TeamId));
        if (listed.Value is not { } list)
        {
            Error = listed.Error;
            return;
        }
        _listedInvitations = list;
        // One this screen made that the list lacks was answered meanwhile, or the index has not caught up: a read by
        // key (its link) tells which.
        foreach (var (id, recent) in _recentInvitations.Where(r => r.Value.Token is not null && list.All(i => i.Id != r.Key)).ToList())
        {
            var state = (await invitations.CheckAsync(recent.Token)).State;
            // Answered or revoked: no longer pending. Resent elsewhere, or expired: still pending, its link no longer tells.
            if (state is InvitationState.Accepted or InvitationState.Declined or InvitationState.Revoked or InvitationState.Unknown)
                _recentInvitations[id] = (recent.Invitation with { Status = InvitationStatus.Revoked }, null, recent.At);
            else if (state != InvitationState.Open)
                _recentInvitations[id] = recent with { Token = null };
        }
    }

    private async Task<DomainResult<Team>> WriteTeamAsync(Func<Task<Team>> write)
    {
        var result = await DomainCall.RunAsync(write);
        if (result.Value is { } team)
        {
            Team = team;
            if (!ManagesMembers) _listedInvitations = [];
        }
        return result;
    }

    private DomainResult<IssuedInvitation> Remember(DomainResult<IssuedInvitation> result)
    {
        if (result.Value is { } issued) _recentInvitations[issued.Invitation.Id] = (issued.Invitation, issued.Token, Now);
        return result;
    }

    private bool Shown<T>(DomainResult<T> result)
    {
        Error = result.Error;
        return result.Succeeded;
    }

    private Actor Actor => _actor ?? throw new InvalidOperationException("InitializeAsync was not called.");
}

/// <summary>One Team page as the prerender loaded it, persisted into the page for the live circuit.</summary>
public sealed record TeamScreenState(string UserId, string TeamId, Team Team, IReadOnlyList<Invitation> Invitations);
