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

    /// <summary>
    /// The stored preferences with <paramref name="changes"/> applied: a topic left out keeps its preference, and so does
    /// a field left out of a topic.
    /// </summary>
    /// <exception cref="ValidationFailedException">A topic is given as null rather than as an object.</exception>
    public static IReadOnlyDictionary<NotificationTopic, TopicPreference> Apply(IReadOnlyDictionary<NotificationTopic, TopicPreference> stored,
        IReadOnlyDictionary<NotificationTopic, TopicChoice?>? changes)
    {
        if (changes is null) return stored;
        var missing = changes.Where(c => c.Value is null).Select(c => c.Key).ToList();
        if (missing.Count > 0)
            throw new ValidationFailedException(missing.ToDictionary(t => $"notifications.{JsonName(t)}",
                t => new[] { $"notifications.{JsonName(t)} must be an object such as {{\"inApp\": true, \"email\": false}}." }));
        return stored.ToDictionary(t => t.Key, t => changes.GetValueOrDefault(t.Key) is { } change
            ? new TopicPreference(change.InApp ?? t.Value.InApp, change.Email ?? t.Value.Email) : t.Value);
    }

    /// <summary>The topic as JSON names it ("role-changes").</summary>
    public static string JsonName(NotificationTopic topic) => DocumentJson.Serialize(topic).Trim('"');

    /// <summary>Every field's error at once, so a form can show them all.</summary>
    /// <param name="notifications">The preferences as they would be saved.</param>
    /// <exception cref="ValidationFailedException">Some field is not valid; nothing was stored.</exception>
    public static void Validate(SettingsInput input, IReadOnlyDictionary<NotificationTopic, TopicPreference> notifications, string? effectiveNotificationEmail)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.DisplayName is not null && CheckDisplayName(input.DisplayName) is { } name) errors["displayName"] = [name];
        if (CheckTimeZone(input.TimeZone) is { } zone) errors["timeZone"] = [zone];
        if (CheckNotificationEmail(input.NotificationEmail) is { } email) errors["notificationEmail"] = [email];
        // Only a topic this change turns to email needs an address; clearing the address turns email off for all.
        if (input.Notifications?.Keys.Any(t => notifications[t].Email) == true && string.IsNullOrEmpty(effectiveNotificationEmail))
            errors["notificationEmail"] = ["Enter the email address to send notifications to, or turn email off for every topic."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}
