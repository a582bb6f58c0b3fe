using DevPlatform.Core.Common;
using DevPlatform.Core.Teams;

namespace DevPlatform.Core.Settings;

/// <summary>Validation of settings input, shared by the service, the API and the page.</summary>
public static class SettingsRules
{
    public const int DisplayNameMaxLength = 80;

    /// <summary>Every topic, on in the app and off by email, until the person says otherwise.</summary>
    public static readonly IReadOnlyDictionary<NotificationTopic, TopicPreference> DefaultNotifications =
        Enum.GetValues<NotificationTopic>().ToDictionary(t => t, _ => new TopicPreference(InApp: true, Email: false));

    public static string? CheckDisplayName(string? name) =>
        TextRules.Normalize(name) is var n && n.Length == 0 ? "Display name is required."
        : n.Length > DisplayNameMaxLength ? $"Display name must be at most {DisplayNameMaxLength} characters."
        : TextRules.HasHiddenCharacters(n) ? "Display name must not contain control, invisible or direction-changing characters."
        : null;

    /// <summary>An IANA time zone this server knows ("Europe/Lisbon"), or empty for the browser's own.</summary>
    public static string? CheckTimeZone(string? zone) =>
        string.IsNullOrEmpty(zone) ? null
        : zone.Length <= 64 && zone.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
          && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId
            ? null : $"'{(zone.Length > 64 ? zone[..64] + "…" : zone)}' is not a time zone; use an IANA name such as Europe/Lisbon.";

    /// <summary>The address email notifications go to; empty turns them all off.</summary>
    public static string? CheckNotificationEmail(string? email) =>
        string.IsNullOrEmpty(email) ? null : TeamRules.CheckEmail(email);

    /// <summary>Every field's error at once, so a form can show them all.</summary>
    /// <exception cref="ValidationFailedException">Some field is not valid; nothing was stored.</exception>
    public static void Validate(SettingsInput input, string? effectiveNotificationEmail)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.DisplayName is not null && CheckDisplayName(input.DisplayName) is { } name) errors["displayName"] = [name];
        if (CheckTimeZone(input.TimeZone) is { } zone) errors["timeZone"] = [zone];
        if (CheckNotificationEmail(input.NotificationEmail) is { } email) errors["notificationEmail"] = [email];
        if (input.Notifications is { } topics && topics.Values.Any(p => p.Email) && string.IsNullOrEmpty(effectiveNotificationEmail))
            errors["notificationEmail"] = ["Enter the email address to send notifications to, or turn email off for every topic."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}
