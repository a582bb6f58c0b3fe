using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Teams;

/// <summary>
/// Storage of teams. The team item lists every member and is the only thing a membership change writes first (by
/// compare-and-swap), so rules over the whole team — at least one Owner — hold however changes race. Each member also
/// has a small item (what access checks and "my teams" read), kept in line by the owed <see cref="SyncMember"/> effect.
/// </summary>
public sealed class TeamRecords(IDocumentStore documents, OwedWorkRunner owedWork)
{
    private const int MaxAttempts = 8;

    /// <summary>A change to apply to a team as read, or null when there is nothing to do.</summary>
    public sealed record Change(Team Team, IReadOnlyList<OwedEffect> Effects);

    public async Task<Team?> GetAsync(string teamId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("team", teamId)) return null;
        var item = await documents.GetAsync(IdentityTables.Teams, IdentityTables.TeamKey(teamId), ct);
        return item is null ? null : DocumentJson.Deserialize<Team>(item.Body);
    }

    /// <summary>The teams that exist among <paramref name="teamIds"/>, in one batch read.</summary>
    public async Task<IReadOnlyList<Team>> GetManyAsync(IEnumerable<string> teamIds, CancellationToken ct)
    {
        var keys = teamIds.Where(id => Ids.IsWellFormed("team", id)).Select(IdentityTables.TeamKey).ToList();
        if (keys.Count == 0) return [];
        return (await documents.BatchGetAsync(IdentityTables.Teams, keys, ct)).Select(i => DocumentJson.Deserialize<Team>(i.Body)).ToList();
    }

    /// <summary>
    /// Reads the team, lets <paramref name="decide"/> check its rules on what it read and say what changes, and writes that
    /// if nobody changed the team meanwhile; otherwise reads again and decides again, so every rule is checked on the
    /// state the change is made to. Then runs the owed effects.
    /// </summary>
    /// <returns>The team as written, or as read when there was nothing to do.</returns>
    public async Task<Team> ChangeAsync(string teamId, string notFoundMessage, Func<Team, Change?> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = Ids.IsWellFormed("team", teamId) ? await documents.GetAsync(IdentityTables.Teams, IdentityTables.TeamKey(teamId), ct) : null;
            if (item is null) throw new NotFoundException(notFoundMessage);
            var team = DocumentJson.Deserialize<Team>(item.Body);
            if (decide(team) is not { } change) return team;
            var changed = change.Team with { Version = team.Version + 1 };
            var next = owedWork.Owing(ToItem(changed, item.Version + 1), item, change.Effects);
            try
            {
                await documents.PutAsync(IdentityTables.Teams, next, WriteCondition.IfVersion(item.Version), ct);
            }
            catch (ConditionalWriteFailedException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (ConditionalWriteFailedException)
            {
                throw new ConflictException("The team is being changed by others right now; try again in a moment.");
            }
            await owedWork.CompleteAsync(IdentityTables.Teams, next);
            return changed;
        }
    }

    /// <summary>Writes a new team if none has its id (a personal team made by a retried onboarding exists already).</summary>
    public async Task<bool> CreateAsync(Team team, IReadOnlyList<OwedEffect> effects, CancellationToken ct)
    {
        var item = owedWork.Owing(ToItem(team, 1), null, effects);
        try
        {
            await documents.PutAsync(IdentityTables.Teams, item, WriteCondition.IfAbsent, ct);
        }
        catch (ConditionalWriteFailedException)
        {
            return false;
        }
        await owedWork.CompleteAsync(IdentityTables.Teams, item);
        return true;
    }

    /// <summary>Copies the member's entry in the team item, as it is now, into their member item (see <see cref="SyncMember"/>).</summary>
    public async Task SyncMemberAsync(string teamId, string userId, CancellationToken ct)
    {
        var key = IdentityTables.MemberKey(teamId, userId);
        for (var attempt = 1; ; attempt++)
        {
            var team = await GetAsync(teamId, ct);
            var truth = new MemberProjection(team?.Member(userId), team?.Version ?? long.MaxValue);
            var stored = await documents.GetAsync(IdentityTables.Teams, key, ct);
            if (stored is not null && DocumentJson.Deserialize<MemberProjection>(stored.Body).TeamVersion >= truth.TeamVersion) return;
            var item = new DocumentItem(key, DocumentJson.Serialize(truth), (stored?.Version ?? 0) + 1)
            {
                // Only current members are in the by-user index; a former member's item stays, as a marker that a late,
                // older copy must not bring them back.
                IndexKeys = truth.Member is null ? new Dictionary<string, string>()
                    : new Dictionary<string, string> { ["gsi1pk"] = $"USER#{userId}", ["gsi1sk"] = $"TEAM#{teamId}" },
            };
            try
            {
                await documents.PutAsync(IdentityTables.Teams, item, stored is null ? WriteCondition.IfAbsent : WriteCondition.IfVersion(stored.Version), ct);
                return;
            }
            catch (ConditionalWriteFailedException) when (attempt < MaxAttempts)
            {
                // Another copy landed first: read both again, and write only if ours is newer.
            }
        }
    }

    /// <summary>The member's own item: null when they are not (or no longer) a member.</summary>
    public async Task<TeamMember?> GetMemberAsync(string teamId, string userId, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("team", teamId)) return null;
        var item = await documents.GetAsync(IdentityTables.Teams, IdentityTables.MemberKey(teamId, userId), ct);
        return item is null ? null : DocumentJson.Deserialize<MemberProjection>(item.Body).Member;
    }

    /// <summary>The ids of the teams the user is a member of, from the by-user index (which may lag a moment behind).</summary>
    public async Task<IReadOnlyList<string>> TeamIdsOfAsync(string userId, CancellationToken ct)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(IdentityTables.Teams, new DocumentQuery($"USER#{userId}")
            {
                IndexName = IdentityTables.ByUser, Limit = 100, ContinuationToken = token,
            }, ct);
            ids.AddRange(page.Items.Select(i => i.Key.PartitionKey["TEAM#".Length..]));
            token = page.ContinuationToken;
        } while (token is not null);
        return ids;
    }

    private static DocumentItem ToItem(Team team, long revision) =>
        new(IdentityTables.TeamKey(team.Id), DocumentJson.Serialize(team), revision);
}

/// <summary>The body of a member item: the member as of team version <paramref name="TeamVersion"/>, or null once they left.</summary>
public sealed record MemberProjection(TeamMember? Member, long TeamVersion);
