namespace DevPlatform.Core.Teams;

/// <summary>The "Teams" section: limits of teams and invitations.</summary>
public sealed class TeamOptions
{
    public const string Section = "Teams";

    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Keeps the team item (which lists every member) well under DynamoDB's 400 KB item limit.</summary>
    public int MaxMembers { get; set; } = 500;

    public int MaxPendingInvitations { get; set; } = 100;

    /// <summary>Teams one person may create (their personal team aside).</summary>
    public int MaxTeamsCreatedPerUser { get; set; } = 20;

    /// <summary>
    /// The address people reach this app at (https://devplatform.example.com), used in invitation links sent through
    /// the team-invitations topic. When empty, links use the address of the request that made the invitation.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// True when something delivers the team-invitations topic as email (an SNS email subscription, a Lambda). The UI
    /// then says the invitation was emailed; either way the inviter is shown the link once, to copy.
    /// </summary>
    public bool MailChannelConfigured { get; set; }
}
