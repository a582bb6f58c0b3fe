namespace DevPlatform.Core.Identity;

public enum TeamRole { Owner, Admin, Developer, Viewer }

/// <summary>What a call needs from the caller's role in the team that owns the thing.</summary>
public enum TeamPermission
{
    /// <summary>Any member.</summary>
    Read,
    /// <summary>Owner, Admin, Developer.</summary>
    Write,
    /// <summary>Owner, Admin: destructive and team-wide actions.</summary>
    Administer,
}

public sealed record Team(string Id, string Name, string OwnerUserId, DateTimeOffset CreatedAt);

public sealed record TeamMember(string TeamId, string UserId, string DisplayName, TeamRole Role, DateTimeOffset JoinedAt);

public sealed record UserProfile(string UserId, string DisplayName, string PersonalTeamId, DateTimeOffset CreatedAt)
{
    public bool DarkMode { get; init; }
    public string? Email { get; init; }
    public string? PictureUrl { get; init; }
}
