using DevPlatform.Core.Identity;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Core.Uploads;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Settings;

/// <summary>Settings on both backends: a new name or picture reaches every member list, and sign-in no longer overwrites a chosen name.</summary>
public abstract class SettingsServiceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private static readonly Actor Bo = new("bo", "Bo Berg");
    private ServiceHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await new ServiceHarness(emulators).StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ANewNameAndPictureReachTheMemberListOfEveryTeam()
    {
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
        var team = await _harness.Get<TeamService>().CreateAsync(Ana, "Platform");
        await TeamTestData.AddMemberAsync(_harness.Get<InvitationService>(), team.Id, Ana, Bo, TeamRole.Developer);
        var read = await _harness.Get<SettingsService>().GetAsync(Bo);

        await _harness.Get<SettingsService>().UpdateAsync(Bo, new SettingsInput(DisplayName: "Bo B."), read.Version);
        var withPicture = await _harness.Get<ProfilePictureService>().UploadAsync(Bo, new UploadSource(new MemoryStream(TestFiles.Png(100)), "image/png"));

        var member = (await _harness.Get<TeamRecords>().GetAsync(team.Id, CancellationToken.None))!.Member(Bo.UserId)!;
        Assert.Equal(("Bo B.", withPicture.PictureUrl), (member.DisplayName, member.PictureUrl));
        Assert.Equal("Bo B.", (await _harness.Get<TeamRecords>().GetMemberAsync(team.Id, Bo.UserId, CancellationToken.None))!.DisplayName);
    }

    [Fact]
    public async Task SignInKeepsANameChosenInSettings()
    {
        var read = await _harness.Get<SettingsService>().GetAsync(Ana);
        await _harness.Get<SettingsService>().UpdateAsync(Ana, new SettingsInput(DisplayName: "Ana L."), read.Version);

        await _harness.Get<TeamDirectory>().RefreshFromSignInAsync(Ana with { DisplayName = "Ana Lima (provider)" });

        Assert.Equal("Ana L.", (await _harness.Get<SettingsService>().GetAsync(Ana)).DisplayName);
    }
}

public sealed class SqliteSettingsServiceTests() : SettingsServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoSettingsServiceTests(AwsEmulators emulators) : SettingsServiceTests(emulators);
