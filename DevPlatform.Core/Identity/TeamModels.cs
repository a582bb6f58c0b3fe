using DevPlatform.Core.Settings;

namespace DevPlatform.Core.Identity;

/// <summary>Roles in a team, strongest first; docs/permissions.md is the matrix of what each may do.</summary>
public enum TeamRole { Owner, Admin, Developer, Viewer }

/// <summary>What a call needs from the caller's role in the team that owns the thing (docs/permissions.md).</summary>
public enum TeamPermission
{
    /// <summary>See the team's things. Every member.</summary>
    Read,
    /// <summary>Create and edit. Owner, Admin, Developer.</summary>
    Write,
    /// <summary>Delete. Owner, Admin.</summary>
    Delete,
    /// <summary>Start code-generation runs. Owner, Admin, Developer.</summary>
    RunCodeGeneration,
    /// <summary>Deploy, cancel and roll back. Owner, Admin, Developer.</summary>
    Deploy,
    /// <summary>Invite, change roles below Owner, remove members below Owner. Owner, Admin.</summary>
    ManageMembers,
    /// <summary>Rename the team, make Owners, transfer ownership. Owner.</summary>
    ManageTeam,
}

/// <summary>A team and its members. The team item is the one place membership changes, so its rules hold under races.</summary>
/// <param name="Version">Moves on every change of the team or its members.</param>
/// <param name="PersonalFor">The user whose personal team this is (made at their first sign-in), or null for a team someone created.</param>
public sealed record Team(string Id, string Name, string? PersonalFor, DateTimeOffset CreatedAt, long Version, IReadOnlyList<TeamMember> Members)
{
    public TeamMember? Member(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public int OwnerCount => Members.Count(m => m.Role == TeamRole.Owner);

    /// <summary>Who made the team (for the limit on teams per person).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The latest invitations that added someone, so a late rerun of an accept's owed work adds nobody twice.</summary>
    public IReadOnlyList<string> JoinedByInvitation { get; init; } = [];
}

public sealed record TeamMember(string TeamId, string UserId, string DisplayName, TeamRole Role, DateTimeOffset JoinedAt)
{
    public string? Email { get; init; }
    public string? PictureUrl { get; init; }
}

public sealed record UserProfile(string UserId, string DisplayName, string PersonalTeamId, DateTimeOffset CreatedAt)
{
    public bool DarkMode { get; init; }
    public string? Email { get; init; }
    public string? PictureUrl { get; init; }

    /// <summary>The team the person last chose in the team switcher; their personal team when null.</summary>
    public string? CurrentTeamId { get; init; }

    /// <summary>The person chose their display name in Settings: sign-in no longer replaces it with the provider's.</summary>
    public bool DisplayNameChosen { get; init; }

    /// <summary>An IANA time zone; null shows times in the browser's own.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Null for profiles from before themes had a choice: <see cref="DarkMode"/> says which.</summary>
    public ThemeChoice? Theme { get; init; }

    public IReadOnlyDictionary<NotificationTopic, TopicPreference>? Notifications { get; init; }

    public string? NotificationEmail { get; init; }

    public UploadedPicture? Picture { get; init; }

    /// <summary>Moves on every change made in Settings (not on a team switch), for optimistic concurrency.</summary>
    public long SettingsVersion { get; init; } = 1;

    public ThemeChoice EffectiveTheme => Theme ?? (DarkMode ? ThemeChoice.Dark : ThemeChoice.Light);

    /// <summary>What avatars show: the uploaded picture (through this app's picture route), else the provider's, else none.</summary>
    public string? DisplayPictureUrl => Picture is { } p ? PictureRoute(UserId, p.UploadedAt) : PictureUrl;

    /// <summary>The app's address of an uploaded picture; the time makes a replaced picture a new address, so caches never show the old one.</summary>
    public static string PictureRoute(string userId, DateTimeOffset uploadedAt) =>
        $"/pictures/{Uri.EscapeDataString(userId)}/{uploadedAt.ToUnixTimeMilliseconds()}";
}
