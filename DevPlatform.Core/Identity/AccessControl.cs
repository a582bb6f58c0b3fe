using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Identity;

/// <summary>
/// The one place that decides whether a user may read or change something a team owns. Services call it before
/// every project-scoped read and write; pages and endpoints never decide this themselves.
/// </summary>
public sealed class AccessControl(IDocumentStore documents)
{
    /// <exception cref="NotFoundException">The user is not a member: to them the thing does not exist.</exception>
    /// <exception cref="ForbiddenException">The user is a member whose role does not allow this.</exception>
    public async Task<TeamMember> RequireAsync(Actor actor, string teamId, TeamPermission permission, string notFoundMessage, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed("team", teamId)) throw new NotFoundException(notFoundMessage);
        var item = await documents.GetAsync(IdentityTables.Teams, IdentityTables.MemberKey(teamId, actor.UserId), ct);
        if (item is null) throw new NotFoundException(notFoundMessage);
        var member = DocumentJson.Deserialize<TeamMember>(item.Body);
        if (!Allows(member.Role, permission))
            throw new ForbiddenException($"Your role in this team ({member.Role}) does not allow this.");
        return member;
    }

    public static bool Allows(TeamRole role, TeamPermission permission) => permission switch
    {
        TeamPermission.Read => true,
        TeamPermission.Write => role is TeamRole.Owner or TeamRole.Admin or TeamRole.Developer,
        TeamPermission.Administer => role is TeamRole.Owner or TeamRole.Admin,
        _ => false,
    };
}
