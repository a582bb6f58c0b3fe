using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams.Invitations;

namespace DevPlatform.Tests.Core.Teams;

/// <summary>Puts people into teams the way the product does: an invitation, accepted.</summary>
public static class TeamTestData
{
    public static readonly Uri AppBase = new("http://localhost:5000/");

    /// <summary><paramref name="inviter"/> (an Owner or Admin of the team) invites <paramref name="joiner"/>, who accepts.</summary>
    public static async Task AddMemberAsync(InvitationService invitations, string teamId, Actor inviter, Actor joiner, TeamRole role)
    {
        var issued = await invitations.InviteAsync(inviter, teamId, $"{joiner.UserId}@example.com", role, AppBase);
        await invitations.AcceptAsync(joiner, issued.Token);
    }
}
