using DevPlatform.Core.Identity;

namespace DevPlatform.Tests.Core.Identity;

public sealed class TeamDirectoryTests : IAsyncLifetime
{
    private ServiceHarness _harness = null!;
    private TeamDirectory Directory => _harness.Get<TeamDirectory>();

    public async Task InitializeAsync() => _harness = await new ServiceHarness().StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AFirstSignInCreatesAPersonalTeamWithTheUserAsOwner()
    {
        var profile = await Directory.EnsureUserAsync(new Actor("ana", "Ana Lima"));

        var team = await Directory.GetTeamAsync(profile.PersonalTeamId);
        var member = await _harness.Get<AccessControl>().RequireAsync(new Actor("ana", "Ana Lima"), profile.PersonalTeamId, TeamPermission.Administer, "x");

        Assert.Equal(("Ana Lima's team", "ana"), (team!.Name, team.OwnerUserId));
        Assert.Equal(TeamRole.Owner, member.Role);
    }

    [Fact]
    public async Task SigningInAgainKeepsTheSameProfileAndTeam()
    {
        var first = await Directory.EnsureUserAsync(new Actor("ana", "Ana Lima"));

        var again = await Directory.EnsureUserAsync(new Actor("ana", "Ana L."));

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task ConcurrentFirstSignInsMakeOneTeam()
    {
        var profiles = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Directory.EnsureUserAsync(new Actor("bo", "Bo"))));

        Assert.Single(profiles.Select(p => p.PersonalTeamId).Distinct());
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
