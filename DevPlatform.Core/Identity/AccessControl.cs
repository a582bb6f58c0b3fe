using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams;

namespace DevPlatform.Core.Identity;

/// <summary>
/// The one place that decides whether a user may read or change something a team owns. Services call it before
/// every team-scoped read and write; pages and endpoints never decide this themselves. docs/permissions.md is the
/// matrix <see cref="Allows"/> implements.
/// </summary>
public sealed class AccessControl(IDocumentStore documents)
{
    /// <exception cref="NotFoundException">The user is not a member: to them the thing does not exist.</exception>
    /// <exception cref="ForbiddenException">The user is a member whose role (or read-only token) does not allow this.</exception>
    public async Task<TeamMember> RequireAsync(Actor actor, string teamId, TeamPermission permission, string notFoundMessage, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed("team", teamId)) throw new NotFoundException(notFoundMessage);
        var item = await documents.GetAsync(IdentityTables.Teams, IdentityTables.MemberKey(teamId, actor.UserId), ct);
        var member = item is null ? null : DocumentJson.Deserialize<MemberProjection>(item.Body).Member;
        if (member is null) throw new NotFoundException(notFoundMessage);
        if (WhyNot(member.Role, permission) is { } why) throw new ForbiddenException(why);
        if (permission != TeamPermission.Read) RequireWritable(actor);
        return member;
    }

    /// <exception cref="ForbiddenException">The call is made with a read-only API token.</exception>
    public void RequireWritable(Actor actor)
    {
        if (actor.ReadOnly) throw new ForbiddenException("This API token is read-only; use a read-write token to change anything.");
    }

    public static bool Allows(TeamRole role, TeamPermission permission) => permission switch
    {
        TeamPermission.Read => true,
        TeamPermission.Write or TeamPermission.RunCodeGeneration or TeamPermission.Deploy => role is TeamRole.Owner or TeamRole.Admin or TeamRole.Developer,
        TeamPermission.Delete or TeamPermission.ManageMembers => role is TeamRole.Owner or TeamRole.Admin,
        TeamPermission.ManageTeam => role is TeamRole.Owner,
        _ => false,
    };

    /// <summary>Why <paramref name="role"/> may not do it, in the words of the 403 answer and the UI's hover texts; null when it may.</summary>
    public static string? WhyNot(TeamRole role, TeamPermission permission) =>
        Allows(role, permission) ? null : $"Your role in this team ({role}) does not allow this: {Needs(permission)}.";

    /// <summary>Who may, in words for the UI's hover texts and the 403 answers.</summary>
    public static string Needs(TeamPermission permission) => permission switch
    {
        TeamPermission.Write => "creating and editing needs Developer or above",
        TeamPermission.RunCodeGeneration => "running code generation needs Developer or above",
        TeamPermission.Deploy => "deploying needs Developer or above",
        TeamPermission.Delete => "deleting needs Admin or Owner",
        TeamPermission.ManageMembers => "managing members needs Admin or Owner",
        TeamPermission.ManageTeam => "managing the team needs Owner",
        _ => "every member may read",
    };
}
