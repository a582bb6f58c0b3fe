using System.Security.Cryptography;
using System.Text;
using DevPlatform.Core.Common;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams;

namespace DevPlatform.Core.Identity;

/// <summary>Users' profiles and the teams they belong to.</summary>
public sealed class TeamDirectory(IDocumentStore documents, TeamRecords teams, TimeProvider time)
{
    /// <summary>
    /// Returns the user's profile, creating it and their personal team (with them as Owner) on first sign-in.
    /// Without transactions, each step is create-if-absent with ids derived from the user id, so a retry after a
    /// crash between steps finishes the same onboarding instead of making a second team.
    /// </summary>
    public async Task<UserProfile> EnsureUserAsync(Actor actor, CancellationToken ct = default)
    {
        if (await GetProfileAsync(actor.UserId, ct) is { } existing) return existing;
        var now = time.GetUtcNow();
        var teamId = PersonalTeamId(actor.UserId);
        var owner = new TeamMember(teamId, actor.UserId, actor.DisplayName, TeamRole.Owner, now) { Email = actor.Email, PictureUrl = actor.PictureUrl };
        var team = new Team(teamId, $"{actor.DisplayName}'s team", actor.UserId, now, 1, [owner]);
        // Made by an earlier, interrupted onboarding of the same user: keep it, and make sure its member item is there.
        if (!await teams.CreateAsync(team, [new SyncMember(teamId, actor.UserId)], ct)) await teams.SyncMemberAsync(teamId, actor.UserId, ct);
        var profile = new UserProfile(actor.UserId, actor.DisplayName, teamId, now) { Email = actor.Email, PictureUrl = actor.PictureUrl };
        await PutIfAbsentAsync(IdentityTables.Users, new DocumentItem(IdentityTables.UserKey(actor.UserId), DocumentJson.Serialize(profile), 1), ct);
        return await GetProfileAsync(actor.UserId, ct) ?? profile;
    }

    public async Task<UserProfile?> GetProfileAsync(string userId, CancellationToken ct = default)
    {
        var item = await documents.GetAsync(IdentityTables.Users, IdentityTables.UserKey(userId), ct);
        return item is null ? null : DocumentJson.Deserialize<UserProfile>(item.Body);
    }

    /// <summary>Remembers the team the person chose in the team switcher; the caller has checked they are a member.</summary>
    public Task SetCurrentTeamAsync(string userId, string teamId, CancellationToken ct = default) =>
        UpdateProfileAsync(userId, p => p with { CurrentTeamId = teamId == p.PersonalTeamId ? null : teamId }, ct);

    /// <summary>Saves the user's light/dark choice.</summary>
    public Task SetDarkModeAsync(Actor actor, bool darkMode, CancellationToken ct = default) =>
        UpdateProfileAsync(actor.UserId, p => p with { DarkMode = darkMode, Theme = darkMode ? ThemeChoice.Dark : ThemeChoice.Light }, ct);

    /// <summary>
    /// Takes the name, email and picture the identity provider sent at sign-in, so a change made there shows here.
    /// Writes only when something differs.
    /// </summary>
    public Task RefreshFromSignInAsync(Actor actor, CancellationToken ct = default) =>
        UpdateProfileAsync(actor.UserId, p => p with { DisplayName = p.DisplayNameChosen ? p.DisplayName : actor.DisplayName, Email = actor.Email ?? p.Email, PictureUrl = actor.PictureUrl ?? p.PictureUrl }, ct);

    /// <summary>Applies <paramref name="change"/> to the stored profile, reading again and reapplying once if it changed meanwhile.</summary>
    private async Task UpdateProfileAsync(string userId, Func<UserProfile, UserProfile> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var item = await documents.GetAsync(IdentityTables.Users, IdentityTables.UserKey(userId), ct)
                ?? throw new NotFoundException("Your profile does not exist yet; sign in again.");
            var current = DocumentJson.Deserialize<UserProfile>(item.Body);
            var profile = change(current);
            if (profile == current) return;
            try
            {
                await documents.PutAsync(IdentityTables.Users, item with { Body = DocumentJson.Serialize(profile), Version = item.Version + 1 },
                    WriteCondition.IfVersion(item.Version), ct);
                return;
            }
            catch (ConditionalWriteFailedException) when (attempt == 0)
            {
                // Someone saved the profile between our read and write: read again and reapply.
            }
        }
    }

    public static string PersonalTeamId(string userId) =>
        "team_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24];

    private async Task PutIfAbsentAsync(string table, DocumentItem item, CancellationToken ct)
    {
        try
        {
            await documents.PutAsync(table, item, WriteCondition.IfAbsent, ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // Written by an earlier, interrupted onboarding of the same user: keep that one.
        }
    }
}
