using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;

namespace DevPlatform.Core.Teams;

/// <summary>
/// Changes to who is in a team and with which role. Every change is one compare-and-swap of the team item that owes the
/// member items' update, the activity record and the notifications (<see cref="TeamRecords"/>), and every rule is checked
/// on the team as it is written.
/// </summary>
public sealed class TeamMembership(TeamRecords records, AccessControl access, ActivityLog activity)
{
    private const string NotFound = "No such team.";
    private const string NoSuchMember = "No such member in this team.";
    private const int InvitationMemory = 200;

    public Task<Team> ChangeRoleAsync(Actor actor, string teamId, string userId, TeamRole role, CancellationToken ct = default) =>
        ChangeAsync(actor, teamId, TeamPermission.Read, team =>
        {
            var (me, target) = (team.Member(actor.UserId)!, team.Member(userId) ?? throw new NotFoundException(NoSuchMember));
            if (TeamRules.WhyCannotChangeRole(me, target, role, team) is { } why) throw new ForbiddenException(why);
            if (target.Role == role) return null;
            if (role != TeamRole.Owner && TeamRules.WhyOwnerMustStay(team, target) is { } stay) throw new ConflictException(stay);
            var changed = target with { Role = role };
            return new TeamRecords.Change(Replace(team, changed), [new SyncMember(team.Id, userId), .. RoleChanged(actor, team, target, changed)]);
        }, ct);

    public Task<Team> RemoveAsync(Actor actor, string teamId, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, teamId, TeamPermission.Read, team =>
        {
            var (me, target) = (team.Member(actor.UserId)!, team.Member(userId) ?? throw new NotFoundException(NoSuchMember));
            if (TeamRules.WhyCannotManage(me, target, team) is { } why) throw new ForbiddenException(why);
            if (TeamRules.WhyOwnerMustStay(team, target) is { } stay) throw new ConflictException(stay);
            return Removal(actor, team, target, left: target.UserId == actor.UserId);
        }, ct);

    public Task<Team> LeaveAsync(Actor actor, string teamId, CancellationToken ct = default) => RemoveAsync(actor, teamId, actor.UserId, ct);

    /// <summary>Makes <paramref name="userId"/> an Owner and the calling Owner an Admin, in one change.</summary>
    public Task<Team> TransferOwnershipAsync(Actor actor, string teamId, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, teamId, TeamPermission.ManageTeam, team =>
        {
            var (me, target) = (team.Member(actor.UserId)!, team.Member(userId) ?? throw new NotFoundException(NoSuchMember));
            if (TeamRules.WhyCannotTransferOwnership(team, me, target) is { } why)
                throw me.Role != TeamRole.Owner ? new ForbiddenException(why) : new ConflictException(why);
            var (newOwner, formerOwner) = (target with { Role = TeamRole.Owner }, me with { Role = TeamRole.Admin });
            return new TeamRecords.Change(Replace(Replace(team, newOwner), formerOwner),
                [new SyncMember(team.Id, target.UserId), new SyncMember(team.Id, me.UserId),
                 .. RoleChanged(actor, team, target, newOwner), .. RoleChanged(actor, team, me, formerOwner)]);
        }, ct);

    /// <summary>Runs the <see cref="JoinTeam"/> effect: adds the member unless this invitation already did, or they are in the team.</summary>
    public async Task JoinAsync(JoinTeam join, CancellationToken ct)
    {
        var joiner = new Actor(join.Member.UserId, join.Member.DisplayName);
        await records.ChangeAsync(join.TeamId, NotFound, team =>
        {
            if (team.JoinedByInvitation.Contains(join.InvitationId) || team.Member(join.Member.UserId) is not null) return null;
            // The accept checked the limit; a join that races past it by a few is kept rather than left owed for ever.
            var added = join.Member with { TeamId = team.Id };
            var record = activity.Prepare(joiner, team.Id, ActivityActions.MemberAdded, TargetType, added.UserId, added.DisplayName, null, Summary(added));
            return new TeamRecords.Change(team with
            {
                Members = [.. team.Members, added],
                JoinedByInvitation = [.. team.JoinedByInvitation.TakeLast(InvitationMemory - 1), join.InvitationId],
            }, [new SyncMember(team.Id, added.UserId), new RecordActivity(record)]);
        }, ct);
    }

    public const string TargetType = "team_member";

    /// <summary>Checks the caller is a member with <paramref name="permission"/>, then changes the team as <see cref="TeamRecords.ChangeAsync"/> does.</summary>
    private async Task<Team> ChangeAsync(Actor actor, string teamId, TeamPermission permission, Func<Team, TeamRecords.Change?> decide, CancellationToken ct)
    {
        await access.RequireAsync(actor, teamId, permission, NotFound, ct);
        access.RequireWritable(actor);
        return await records.ChangeAsync(teamId, NotFound, team =>
            // The member item may lag the team item for a moment; the team item decides.
            team.Member(actor.UserId) is null ? throw new NotFoundException(NotFound) : decide(team), ct);
    }

    private TeamRecords.Change Removal(Actor actor, Team team, TeamMember target, bool left)
    {
        var record = activity.Prepare(actor, team.Id, ActivityActions.MemberRemoved, TargetType, target.UserId, target.DisplayName,
            Summary(target), DocumentJson.Serialize(new { left }));
        return new TeamRecords.Change(team with { Members = team.Members.Where(m => m.UserId != target.UserId).ToList() },
            [new SyncMember(team.Id, target.UserId), new RecordActivity(record)]);
    }

    private IEnumerable<OwedEffect> RoleChanged(Actor actor, Team team, TeamMember before, TeamMember after)
    {
        var record = activity.Prepare(actor, team.Id, ActivityActions.MemberRoleChanged, TargetType, after.UserId, after.DisplayName, Summary(before), Summary(after));
        yield return new RecordActivity(record);
        yield return new PublishNotification(Topics.RoleChanges, ActivityActions.MemberRoleChanged, DocumentJson.Serialize(new
        {
            teamId = team.Id, teamName = team.Name, userId = after.UserId, userName = after.DisplayName,
            before = before.Role, after = after.Role, changedBy = actor.UserId, at = record.At,
        }), new Dictionary<string, string> { ["teamId"] = team.Id, ["userId"] = after.UserId });
    }

    private static Team Replace(Team team, TeamMember member) =>
        team with { Members = team.Members.Select(m => m.UserId == member.UserId ? member : m).ToList() };

    private static string Summary(TeamMember member) => DocumentJson.Serialize(new { role = member.Role, member.DisplayName });
}
