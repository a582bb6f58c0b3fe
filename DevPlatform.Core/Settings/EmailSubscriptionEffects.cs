using System.Text.Json;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Teams;

namespace DevPlatform.Core.Settings;

/// <summary>Brings the person's email subscriptions in line with their settings as they are when it runs.</summary>
/// <param name="PreviousEmail">The address used before this change, whose subscriptions go.</param>
public sealed record SyncEmailSubscriptions(string UserId, string? PreviousEmail) : OwedEffect;

/// <summary>
/// Each topic's subscription carries a filter policy on the attributes its notifications are published with, so a person
/// gets what concerns them: their teams' critical activity and deployments, invitations to their addresses, changes of
/// their own role.
/// </summary>
public sealed class EmailSubscriptionEffects(TeamDirectory directory, TeamRecords teams, IEmailChannel email) : IOwedEffectHandler
{
    // SNS allows 150 values in a filter policy; beyond this many teams, email covers the first ones (in id order).
    private const int MaxTeamsInFilter = 100;

    public bool Handles(OwedEffect effect) => effect is SyncEmailSubscriptions;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        var sync = (SyncEmailSubscriptions)effect;
        if (!email.Available || await directory.GetProfileAsync(sync.UserId, ct) is not { } profile) return;
        var teamIds = (await teams.TeamIdsOfAsync(profile.UserId, ct)).Order(StringComparer.Ordinal).Take(MaxTeamsInFilter).ToList();
        await email.SyncAsync(profile.NotificationEmail, sync.PreviousEmail, Wanted(profile, teamIds), ct);
    }

    private static Dictionary<string, string> Wanted(UserProfile profile, IReadOnlyList<string> teamIds)
    {
        var wanted = new Dictionary<string, string>();
        if (profile.NotificationEmail is null) return wanted;
        foreach (var (topic, preference) in profile.Notifications ?? SettingsRules.DefaultNotifications)
        {
            if (!preference.Email) continue;
            var (name, filter) = topic switch
            {
                NotificationTopic.CriticalActivity => (Topics.CriticalActivity, Filter("teamId", teamIds)),
                NotificationTopic.DeploymentStatus => (Topics.DeploymentStatus, Filter("teamId", teamIds)),
                NotificationTopic.Invitations => (Topics.TeamInvitations,
                    Filter("email", new[] { profile.NotificationEmail, profile.Email?.ToLowerInvariant() }.OfType<string>().Distinct().ToList())),
                _ => (Topics.RoleChanges, Filter("userId", [profile.UserId])),
            };
            wanted[name] = filter;
        }
        return wanted;
    }

    private static string Filter(string attribute, IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { [attribute] = values.Count > 0 ? values : ["-none-"] });
}
