using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Identity;

/// <summary>Onboarding and teams, on both backends.</summary>
public abstract class TeamDirectoryTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private ServiceHarness _harness = null!;
    private TeamDirectory Directory => _harness.Get<TeamDirectory>();

    public async Task InitializeAsync() => _harness = await new ServiceHarness(emulators).StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AFirstSignInCreatesAPersonalTeamWithTheUserAsOwner()
    {
        var profile = await Directory.EnsureUserAsync(new Actor("ana", "Ana Lima"));

        var team = await _harness.Get<TeamRecords>().GetAsync(profile.PersonalTeamId, default);
        var member = await _harness.Get<AccessControl>().RequireAsync(new Actor("ana", "Ana Lima"), profile.PersonalTeamId, TeamPermission.ManageTeam, "x");

        Assert.Equal(("Ana Lima's team", "ana"), (team!.Name, team.PersonalFor));
        Assert.Equal(TeamRole.Owner, member.Role);
        Assert.Equal(TeamRole.Owner, Assert.Single(team.Members).Role);
    }

    [Fact]
    public async Task SigningInAgainKeepsTheSameProfileAndTeam()
    {
        var first = await Directory.EnsureUserAsync(new Actor("ana", "Ana Lima"));

        var again = await Directory.EnsureUserAsync(new Actor("ana", "Ana L."));

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task ConcurrentFirstSignInsMakeOneTeamWithOneMembership()
    {
        var start = new TaskCompletionSource();
        var signIns = Enumerable.Range(0, 5)
            .Select(_ => Task.Run(async () => { await start.Task; return await Directory.EnsureUserAsync(new Actor("bo", "Bo")); }))
            .ToList();

        start.SetResult();
        var profiles = await Task.WhenAll(signIns);

        var teamId = Assert.Single(profiles.Select(p => p.PersonalTeamId).Distinct());
        await AssertOneTeamWithOneMembershipAsync("bo", teamId);
    }

    [Fact]
    public async Task AnOnboardingInterruptedBeforeTheProfileFinishesWithoutASecondTeam()
    {
        var first = await Directory.EnsureUserAsync(new Actor("bo", "Bo"));
        // As if the first sign-in had stopped after making the team and membership, before saving the profile.
        await _harness.Get<IDocumentStore>().DeleteAsync(IdentityTables.Users, IdentityTables.UserKey("bo"), WriteCondition.None);

        var again = await Directory.EnsureUserAsync(new Actor("bo", "Bo"));

        Assert.Equal(first.PersonalTeamId, again.PersonalTeamId);
        await AssertOneTeamWithOneMembershipAsync("bo", again.PersonalTeamId);
    }

    /// <summary>What is stored, not what was returned: the team's partition holds the team and the user's membership,
    /// nothing else, and the user's memberships (the by-user index) are that one.</summary>
    private async Task AssertOneTeamWithOneMembershipAsync(string userId, string teamId)
    {
        var store = _harness.Get<IDocumentStore>();
        var teamItems = await store.QueryAsync(IdentityTables.Teams, new DocumentQuery($"TEAM#{teamId}"));
        var memberships = await store.QueryAsync(IdentityTables.Teams, new DocumentQuery($"USER#{userId}") { IndexName = IdentityTables.ByUser });
        Assert.Equal([$"MEMBER#{userId}", "TEAM"], teamItems.Items.Select(i => i.Key.SortKey).Order(StringComparer.Ordinal));
        Assert.Equal([new DocumentKey($"TEAM#{teamId}", $"MEMBER#{userId}")], memberships.Items.Select(i => i.Key));
    }

    [Fact]
    public async Task DarkModeIsSavedOnTheProfile()
    {
        var actor = new Actor("ana", "Ana");
        await Directory.EnsureUserAsync(actor);

        await Directory.SetDarkModeAsync(actor, true);

        Assert.True((await Directory.GetProfileAsync("ana"))!.DarkMode);
    }
}

public sealed class SqliteTeamDirectoryTests() : TeamDirectoryTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoTeamDirectoryTests(AwsEmulators emulators) : TeamDirectoryTests(emulators);
