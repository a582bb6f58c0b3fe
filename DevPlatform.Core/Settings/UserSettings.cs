using System.Text.Json.Serialization;

namespace DevPlatform.Core.Settings;

/// <summary>Light, dark, or whatever the person's system uses.</summary>
public enum ThemeChoice
{
    [JsonStringEnumMemberName("system")] System,
    [JsonStringEnumMemberName("light")] Light,
    [JsonStringEnumMemberName("dark")] Dark,
}

/// <summary>The notification topics a person can choose to hear about (in the app's inbox, and by email in AWS mode).</summary>
public enum NotificationTopic
{
    [JsonStringEnumMemberName("critical-activity")] CriticalActivity,
    [JsonStringEnumMemberName("deployment-status")] DeploymentStatus,
    [JsonStringEnumMemberName("invitations")] Invitations,
    [JsonStringEnumMemberName("role-changes")] RoleChanges,
}

/// <summary>Where one topic's notifications go.</summary>
public sealed record TopicPreference(bool InApp, bool Email);

/// <summary>A change to one topic's preference: a field left out (null) keeps what is stored.</summary>
public sealed record TopicChoice(bool? InApp = null, bool? Email = null)
{
    public static implicit operator TopicChoice(TopicPreference preference) => new(preference.InApp, preference.Email);
}

/// <summary>A profile picture someone uploaded (not their identity provider's).</summary>
public sealed record UploadedPicture(string Key, string ContentType, long Length, DateTimeOffset UploadedAt);

/// <summary>One person's settings, as the Settings page and /api/settings show them.</summary>
/// <param name="PictureUrl">What avatars show: the uploaded picture's address in this app, else the identity provider's picture, else null.</param>
/// <param name="Version">Moves on every change of these settings (not on a team switch), for optimistic concurrency.</param>
public sealed record UserSettings(
    string UserId,
    string DisplayName,
    string? Email,
    string? TimeZone,
    ThemeChoice Theme,
    IReadOnlyDictionary<NotificationTopic, TopicPreference> Notifications,
    string? NotificationEmail,
    string? PictureUrl,
    bool HasUploadedPicture,
    long Version);

/// <summary>A change of settings; an absent field keeps its value.</summary>
public sealed record SettingsInput(
    string? DisplayName = null,
    string? TimeZone = null,
    ThemeChoice? Theme = null,
    IReadOnlyDictionary<NotificationTopic, TopicChoice?>? Notifications = null,
    string? NotificationEmail = null)
{
    /// <summary>Every topic's preference as a change, for a form that shows them all.</summary>
    public static IReadOnlyDictionary<NotificationTopic, TopicChoice?> AllTopics(IReadOnlyDictionary<NotificationTopic, TopicPreference> topics) =>
        topics.ToDictionary(t => t.Key, t => (TopicChoice?)t.Value);
}
