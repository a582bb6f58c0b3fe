using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Settings;

/// <summary>
/// A person's own settings. Only they read or change them, so no team role is involved; a read-only API token may read
/// but not change. A change is one conditional write of the profile item that owes its activity record and, when the
/// name changed, the copies of it in member lists (<see cref="RefreshMemberProfile"/>).
/// </summary>
public sealed class SettingsService(IDocumentStore documents, TeamDirectory directory, AccessControl access, ActivityLog activity,
    OwedWorkRunner owedWork)
{
    public const string TargetType = "settings";
    private const int MaxAttempts = 5;

    public async Task<UserSettings> GetAsync(Actor actor, CancellationToken ct = default) =>
        ToSettings(await directory.EnsureUserAsync(actor, ct));

    /// <exception cref="ValidationFailedException">A field is not valid; nothing was stored.</exception>
    /// <exception cref="ConflictException"><paramref name="expectedVersion"/> is not the stored settings version; nothing was stored.</exception>
    public async Task<UserSettings> UpdateAsync(Actor actor, SettingsInput input, long expectedVersion, CancellationToken ct = default)
    {
        access.RequireWritable(actor);
        return await ChangeAsync(actor, current =>
        {
            if (current.SettingsVersion != expectedVersion)
                throw new ConflictException($"Your settings changed since you read them (now version {current.SettingsVersion}); reload and try again.");
            var notifications = SettingsRules.Apply(Complete(current.Notifications), input.Notifications);
            var notificationEmail = input.NotificationEmail is null ? current.NotificationEmail
                : input.NotificationEmail.Length == 0 ? null : input.NotificationEmail.Trim().ToLowerInvariant();
            SettingsRules.Validate(input, notifications, notificationEmail);
            var name = input.DisplayName is null ? current.DisplayName : TextRules.Normalize(input.DisplayName);
            var theme = input.Theme ?? current.EffectiveTheme;
            return current with
            {
                DisplayName = name,
                DisplayNameChosen = current.DisplayNameChosen || name != current.DisplayName,
                TimeZone = input.TimeZone is null ? current.TimeZone : input.TimeZone.Length == 0 ? null : input.TimeZone,
                Theme = theme,
                DarkMode = theme == ThemeChoice.Dark || theme == ThemeChoice.System && current.DarkMode,
                Notifications = notifications,
                NotificationEmail = notificationEmail,
            };
        }, ct);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored profile in one conditional write (read again and reapplied if someone
    /// wrote meanwhile), owing the activity record and the refresh of member lists when the name or picture changed.
    /// </summary>
    /// <param name="change">The profile as it should be, or the same profile for no change; may throw to refuse.</param>
    /// <param name="effects">Further work the write owes, given the profile before and after.</param>
    internal async Task<UserSettings> ChangeAsync(Actor actor, Func<UserProfile, UserProfile> change, CancellationToken ct,
        Func<UserProfile, UserProfile, IReadOnlyList<OwedEffect>>? effects = null, string action = ActivityActions.SettingsUpdated)
    {
        await directory.EnsureUserAsync(actor, ct);
        for (var attempt = 1; ; attempt++)
        {
            var item = await documents.GetAsync(IdentityTables.Users, IdentityTables.UserKey(actor.UserId), ct)
                ?? throw new NotFoundException("Your profile does not exist yet; sign in again.");
            var current = DocumentJson.Deserialize<UserProfile>(item.Body);
            var changed = change(current);
            if (changed == current) return ToSettings(current);
            changed = changed with { SettingsVersion = current.SettingsVersion + 1 };
            var record = activity.Prepare(actor, current.PersonalTeamId, action, TargetType, actor.UserId, changed.DisplayName,
                Summary(current), Summary(changed));
            List<OwedEffect> owed = [new RecordActivity(record), .. effects?.Invoke(current, changed) ?? []];
            if (changed.DisplayName != current.DisplayName || changed.DisplayPictureUrl != current.DisplayPictureUrl)
                owed.Add(new RefreshMemberProfile(actor.UserId));
            if (changed.NotificationEmail != current.NotificationEmail || !SameNotifications(changed, current))
                owed.Add(new SyncEmailSubscriptions(actor.UserId, current.NotificationEmail));
            var next = owedWork.Owing(item with { Body = DocumentJson.Serialize(changed), Version = item.Version + 1 }, item, owed);
            try
            {
                await documents.PutAsync(IdentityTables.Users, next, WriteCondition.IfVersion(item.Version), ct);
            }
            catch (ConditionalWriteFailedException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (ConditionalWriteFailedException)
            {
                throw new ConflictException("Your profile is being changed elsewhere right now; try again in a moment.");
            }
            await owedWork.CompleteAsync(IdentityTables.Users, next);
            return ToSettings(changed);
        }
    }

    private static bool SameNotifications(UserProfile a, UserProfile b) =>
        Complete(a.Notifications).All(t => Complete(b.Notifications)[t.Key] == t.Value);

    public static UserSettings ToSettings(UserProfile p) => new(p.UserId, p.DisplayName, p.Email, p.TimeZone, p.EffectiveTheme,
        Complete(p.Notifications), p.NotificationEmail, p.DisplayPictureUrl, p.Picture is not null, p.SettingsVersion);

    /// <summary>Every topic has a preference: those not given keep the default.</summary>
    private static IReadOnlyDictionary<NotificationTopic, TopicPreference> Complete(IReadOnlyDictionary<NotificationTopic, TopicPreference>? given) =>
        Enum.GetValues<NotificationTopic>().ToDictionary(t => t, t => given?.GetValueOrDefault(t) ?? SettingsRules.DefaultNotifications[t]);

    /// <summary>What the activity log shows of a change; never the email address for notifications in full.</summary>
    private static string Summary(UserProfile p) =>
        $"name: {p.DisplayName}; time zone: {p.TimeZone ?? "browser"}; theme: {p.EffectiveTheme}; picture: {(p.Picture is null ? "none" : "uploaded")}; " +
        $"email notifications: {(Complete(p.Notifications).Any(t => t.Value.Email) && p.NotificationEmail is not null ? "on" : "off")}";
}
