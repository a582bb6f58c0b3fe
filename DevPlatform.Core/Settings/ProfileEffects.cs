using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;

namespace DevPlatform.Core.Settings;

/// <summary>Copies the person's display name and picture, as their profile has them now, into every team they are in.</summary>
public sealed record RefreshMemberProfile(string UserId) : OwedEffect;

/// <summary>
/// Member lists show the copy in each team item; this brings every copy in line with the profile. It reads the profile
/// when it runs, so runs in any order (or again after a crash) leave the latest name and picture everywhere.
/// </summary>
public sealed class ProfileEffects(TeamDirectory directory, TeamRecords teams) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is RefreshMemberProfile;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        var userId = ((RefreshMemberProfile)effect).UserId;
        if (await directory.GetProfileAsync(userId, ct) is not { } profile) return;
        foreach (var teamId in await teams.TeamIdsOfAsync(userId, ct))
        {
            try
            {
                await teams.ChangeAsync(teamId, "No such team.", team => Refreshed(team, profile), ct);
            }
            catch (NotFoundException)
            {
                // The team went away since the index listed it: nothing to refresh there.
            }
        }
    }

    private static TeamRecords.Change? Refreshed(Team team, UserProfile profile)
    {
        if (team.Member(profile.UserId) is not { } member) return null;
        var refreshed = member with { DisplayName = profile.DisplayName, PictureUrl = profile.DisplayPictureUrl };
        if (refreshed == member) return null;
        var members = team.Members.Select(m => m.UserId == member.UserId ? refreshed : m).ToList();
        return new TeamRecords.Change(team with { Members = members }, [new SyncMember(team.Id, profile.UserId)]);
    }
}
