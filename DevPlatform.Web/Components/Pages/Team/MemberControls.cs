namespace DevPlatform.Web.Components.Pages.Team;

// Inside the namespace, so that "Team" is Core's type rather than this folder's namespace.
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;

/// <summary>One role a member could be given, and why the viewer may not give it (null when they may).</summary>
public sealed record RoleChoice(TeamRole Role, string? BlockedBecause);

/// <summary>
/// What the viewer may do to one member of the team, and why not: every reason comes from Core's <see cref="TeamRules"/>,
/// the same rules the service checks, so a control the page enables is one the server accepts.
/// </summary>
/// <param name="Manages">The viewer manages members at all (Owner, Admin); else roles are shown, not offered.</param>
/// <param name="RoleFixedBecause">Why the role select is disabled, or null.</param>
/// <param name="RemoveBlockedBecause">Why "Remove" (someone else) or "Leave" (oneself) is disabled, or null.</param>
/// <param name="ShowTransfer">The viewer is an Owner looking at someone else.</param>
public sealed record MemberControls(
    bool IsMe, bool Manages, string? RoleFixedBecause, IReadOnlyList<RoleChoice> Roles,
    string? RemoveBlockedBecause, bool ShowTransfer, string? TransferBlockedBecause)
{
    /// <summary>Every role, strongest first.</summary>
    public static readonly IReadOnlyList<TeamRole> AllRoles = Enum.GetValues<TeamRole>();

    /// <summary>"Remove" for someone else: only shown to those who manage members. "Leave" for oneself: always shown.</summary>
    public bool ShowRemove => IsMe || Manages;

    public static MemberControls For(Team team, TeamMember viewer, TeamMember target)
    {
        var isMe = target.UserId == viewer.UserId;
        var roles = AllRoles.Select(role => new RoleChoice(role, role == target.Role ? null
            : TeamRules.WhyCannotChangeRole(viewer, target, role, team) ?? (role != TeamRole.Owner ? TeamRules.WhyOwnerMustStay(team, target) : null))).ToList();
        var roleFixed = TeamRules.WhyCannotManage(viewer, target, team)
            ?? TeamRules.WhyOwnerMustStay(team, target)
            ?? (roles.Any(r => r.Role != target.Role && r.BlockedBecause is null) ? null
                : roles.First(r => r.Role != target.Role).BlockedBecause);
        var removeBlocked = TeamRules.WhyCannotManage(viewer, target, team) ?? TeamRules.WhyOwnerMustStay(team, target);
        var showTransfer = !isMe && viewer.Role == TeamRole.Owner;
        return new MemberControls(isMe, AccessControl.Allows(viewer.Role, TeamPermission.ManageMembers), roleFixed, roles, removeBlocked,
            showTransfer, showTransfer ? TeamRules.WhyCannotTransferOwnership(team, viewer, target) : null);
    }

    /// <summary>The roles <paramref name="viewer"/> may give in an invitation.</summary>
    public static IReadOnlyList<TeamRole> GrantableBy(TeamRole viewer) =>
        AllRoles.Where(role => TeamRules.WhyCannotGrant(viewer, role) is null).ToList();
}
