using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Core.Tokens;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Teams;

/// <summary>
/// With indexes lagging as DynamoDB's do: access and membership never wait for an index, and lists that start from one
/// show things as they are now, not as the index last saw them. On both backends.
/// </summary>
public abstract class TeamLaggingIndexTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima"), Bo = new("bo", "Bo");
    private LaggingIndexDocumentStore _index = null!;
    private ServiceHarness _harness = null!;
    private string _team = "";
    private TeamService Teams => _harness.Get<TeamService>();
    private InvitationService Invitations => _harness.Get<InvitationService>();

    public async Task InitializeAsync()
    {
        _harness = await ServiceHarness.WithDocuments(emulators, inner => _index = new LaggingIndexDocumentStore(inner)).StartAsync();
        _team = (await Teams.CreateAsync(Ana, "Platform")).Id;
        _index.CatchUp();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SomeoneWhoJustJoinedCanWorkInTheTeamAndSeesItOnceChosen()
    {
        var issued = await Invitations.InviteAsync(Ana, _team, "bo@example.com", TeamRole.Developer, TeamTestData.AppBase);

        await Invitations.AcceptAsync(Bo, issued.Token);
        await Teams.SelectAsync(Bo, _team);

        Assert.Contains((await Teams.GetAsync(Ana, _team)).Members, m => m.UserId == Bo.UserId);
        Assert.Contains(await Teams.ListMineAsync(Bo), m => m.Team.Id == _team && m.Role == TeamRole.Developer);
    }

    [Fact]
    public async Task ATeamJustLeftIsNotListedThoughTheIndexStillHasIt()
    {
        await TeamTestData.AddMemberAsync(Invitations, _team, Ana, Bo, TeamRole.Viewer);
        _index.CatchUp();

        await _harness.Get<TeamMembership>().LeaveAsync(Bo, _team);

        Assert.DoesNotContain(await Teams.ListMineAsync(Bo), m => m.Team.Id == _team);
    }

    [Fact]
    public async Task AJustRevokedInvitationIsNotListedAsPending()
    {
        var issued = await Invitations.InviteAsync(Ana, _team, "bo@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        _index.CatchUp();

        await Invitations.RevokeAsync(Ana, _team, issued.Invitation.Id);

        Assert.Empty(await Invitations.ListAsync(Ana, _team));
    }

    [Fact]
    public async Task AJustRevokedTokenIsNotListed()
    {
        var tokens = _harness.Get<ApiTokenService>();
        var issued = await tokens.CreateAsync(Ana, "CI", ApiTokenScope.ReadOnly, 30);
        _index.CatchUp();

        await tokens.RevokeAsync(Ana, issued.Token.Id);

        Assert.Empty(await tokens.ListAsync(Ana));
    }
}

public sealed class SqliteTeamLaggingIndexTests() : TeamLaggingIndexTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoTeamLaggingIndexTests(AwsEmulators emulators) : TeamLaggingIndexTests(emulators);
