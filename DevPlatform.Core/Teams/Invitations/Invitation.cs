using DevPlatform.Core.Identity;

namespace DevPlatform.Core.Teams.Invitations;

public enum InvitationStatus { Pending, Accepted, Declined, Revoked }

/// <summary>An invitation to join a team with a role. Its link's secret is never stored: only a hash of it (<see cref="StoredInvitation"/>).</summary>
/// <param name="Version">Moves on every change: a resend, an answer, a revoke.</param>
public sealed record Invitation(
    string Id, string TeamId, string TeamName, string Email, TeamRole Role, string InvitedBy, string InvitedByName,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, InvitationStatus Status, long Version)
{
    public string? RespondedBy { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => Status == InvitationStatus.Pending && now >= ExpiresAt;
}

/// <summary>What is stored: the invitation and the SHA-256 of its link's secret.</summary>
public sealed record StoredInvitation(Invitation Invitation, string SecretHash);

/// <summary>A new or resent invitation, with its link: shown once to the inviter, sent once to the topic, never stored.</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Token, string Link, bool Emailed);

/// <summary>What a link names, as the invitation page shows it.</summary>
public enum InvitationState
{
    /// <summary>The link is good: the person may accept or decline.</summary>
    Open,
    /// <summary>No invitation has this link (mistyped, or never made).</summary>
    Unknown,
    /// <summary>The invitation was sent again; only the newest link works.</summary>
    Replaced,
    Expired,
    Revoked,
    Accepted,
    Declined,
}

/// <summary>The answer for a link. <paramref name="Invitation"/> is null only for <see cref="InvitationState.Unknown"/>.</summary>
public sealed record InvitationCheck(InvitationState State, Invitation? Invitation);
