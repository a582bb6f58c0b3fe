using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Teams;

/// <summary>The teams a person belongs to, the one they work in, and team-level changes (create, rename).</summary>
public sealed class TeamService(TeamRecords records, TeamDirectory directory, AccessControl access, ActivityLog activity,
    IOptions<TeamOptions> options, TimeProvider time)
{
    private const string NotFound = "No such team.";
    public const string TargetType = "team";

    /// <summary>One of the caller's teams, with their role in it.</summary>
    public sealed record Membership(Team Team, TeamRole Role);

    /// <summary>The caller's teams by name, their personal team first.</summary>
    public async Task<IReadOnlyList<Membership>> ListMineAsync(Actor actor, CancellationToken ct = default)
    {
        var profile = await directory.EnsureUserAsync(actor, ct);
        // The index may lag a join or still list a team just left: each team item says whether the caller is in it. The
        // chosen team is read too, so a team just joined (and switched to) is listed before the index has it.
        var ids = (await records.TeamIdsOfAsync(actor.UserId, ct)).Append(profile.PersonalTeamId)
            .Concat(profile.CurrentTeamId is { } current ? [current] : []).Distinct();
        var teams = await records.GetManyAsync(ids, ct);
        return teams.Where(t => t.Member(actor.UserId) is not null)
            .Select(t => new Membership(t, t.Member(actor.UserId)!.Role))
            .OrderBy(m => m.Team.PersonalFor != actor.UserId).ThenBy(m => m.Team.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<Team> GetAsync(Actor actor, string teamId, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.Read, NotFound, ct);
        var team = await records.GetAsync(teamId, ct);
        return team is not null && team.Member(actor.UserId) is not null ? team : throw new NotFoundException(NotFound);
    }

    /// <summary>The team the caller works in when they name none: the one last chosen, while they are still in it, else their personal team.</summary>
    public async Task<string> CurrentTeamIdAsync(Actor actor, CancellationToken ct = default)
    {
        var profile = await directory.EnsureUserAsync(actor, ct);
        if (profile.CurrentTeamId is { } chosen && await records.GetMemberAsync(chosen, actor.UserId, ct) is not null) return chosen;
        return profile.PersonalTeamId;
    }

    /// <summary>Makes <paramref name="teamId"/> the team the caller works in, remembered across sessions and devices.</summary>
    public async Task SelectAsync(Actor actor, string teamId, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.Read, NotFound, ct);
        access.RequireWritable(actor);
        await directory.SetCurrentTeamAsync(actor.UserId, teamId, ct);
    }

    /// <summary>Creates a team with the caller as its Owner.</summary>
    public async Task<Team> CreateAsync(Actor actor, string? name, CancellationToken ct = default)
    {
        var normalized = TeamRules.NormalizeName(name);
        access.RequireWritable(actor);
        var mine = await ListMineAsync(actor, ct);
        var limit = options.Value.MaxTeamsCreatedPerUser;
        if (mine.Count(m => m.Team.CreatedBy == actor.UserId) >= limit)
            throw new ConflictException($"You have created {limit} teams, the most one person may; leave or hand over one first.");
        var now = time.GetUtcNow();
        var profile = await directory.GetProfileAsync(actor.UserId, ct);
        var owner = new TeamMember("", actor.UserId, profile?.DisplayName ?? actor.DisplayName, TeamRole.Owner, now)
            { Email = profile?.Email, PictureUrl = profile?.PictureUrl };
        var id = Ids.New("team");
        var team = new Team(id, normalized, null, now, 1, [owner with { TeamId = id }]) { CreatedBy = actor.UserId };
        var record = activity.Prepare(actor, id, ActivityActions.TeamCreated, TargetType, id, normalized, null, DocumentJson.Serialize(new { name = normalized }));
        await records.CreateAsync(team, [new SyncMember(id, actor.UserId), new RecordActivity(record)], ct);
        return team;
    }

    public async Task<Team> RenameAsync(Actor actor, string teamId, string? name, CancellationToken ct = default)
    {
        var normalized = TeamRules.NormalizeName(name);
        await access.RequireAsync(actor, teamId, TeamPermission.ManageTeam, NotFound, ct);
        return await records.ChangeAsync(teamId, NotFound, team =>
        {
            if (team.Member(actor.UserId)?.Role != TeamRole.Owner) throw new ForbiddenException(AccessControl.Needs(TeamPermission.ManageTeam));
            if (team.Name == normalized) return null;
            var record = activity.Prepare(actor, teamId, ActivityActions.TeamRenamed, TargetType, teamId, normalized,
                DocumentJson.Serialize(new { name = team.Name }), DocumentJson.Serialize(new { name = normalized }));
            return new TeamRecords.Change(team with { Name = normalized }, [new RecordActivity(record)]);
        }, ct);
    }
}
