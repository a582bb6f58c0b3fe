using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;

namespace DevPlatform.Core.Teams;

/// <summary>
/// Brings the member item of <paramref name="UserId"/> (what <see cref="AccessControl"/> and the by-user index read) in line
/// with the team item, whatever order runs of this effect happen in: it copies the team item as it is now.
/// </summary>
public sealed record SyncMember(string TeamId, string UserId) : OwedEffect;

/// <summary>Adds the person who accepted an invitation to its team, once per invitation (owed by the accept).</summary>
public sealed record JoinTeam(string TeamId, TeamMember Member, string InvitationId) : OwedEffect;

/// <summary>Runs the team effects for the convergence mechanism.</summary>
public sealed class MembershipEffects(TeamRecords records, TeamMembership membership) : IOwedEffectHandler
{
    public bool Handles(OwedEffect effect) => effect is SyncMember or JoinTeam;

    public Task RunAsync(OwedEffect effect, CancellationToken ct) => effect switch
    {
        SyncMember sync => records.SyncMemberAsync(sync.TeamId, sync.UserId, ct),
        JoinTeam join => membership.JoinAsync(join, ct),
        _ => throw new ArgumentException($"Not a team effect: {effect.GetType().Name}", nameof(effect)),
    };
}
