using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Teams;

/// <summary>Roles, removal, leaving and ownership, with the last-Owner rule under races, on both backends.</summary>
public abstract class TeamMembershipTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima"), Bo = new("bo", "Bo"), Cy = new("cy", "Cy");
    private ServiceHarness _harness = null!;
    private string _team = "";
    private TeamMembership Membership => _harness.Get<TeamMembership>();
    private TeamService Teams => _harness.Get<TeamService>();

    public async Task InitializeAsync()
    {
        _harness = await new ServiceHarness(emulators).StartAsync();
        _team = (await Teams.CreateAsync(Ana, "Platform")).Id;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AnAdminChangesRolesBelowOwnerButCannotMakeOrTouchOwners()
    {
        await AddAsync(Bo, TeamRole.Admin);
        await AddAsync(Cy, TeamRole.Viewer);

        var team = await Membership.ChangeRoleAsync(Bo, _team, Cy.UserId, TeamRole.Developer);

        Assert.Equal(TeamRole.Developer, team.Member(Cy.UserId)!.Role);
        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.ChangeRoleAsync(Bo, _team, Cy.UserId, TeamRole.Owner));
        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.ChangeRoleAsync(Bo, _team, Ana.UserId, TeamRole.Admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.RemoveAsync(Bo, _team, Ana.UserId));
    }

    [Fact]
    public async Task TheLastOwnerCannotBeDemotedRemovedOrLeave()
    {
        await AddAsync(Bo, TeamRole.Developer);

        var demote = await Assert.ThrowsAsync<ConflictException>(() => Membership.ChangeRoleAsync(Ana, _team, Ana.UserId, TeamRole.Admin));
        await Assert.ThrowsAsync<ConflictException>(() => Membership.RemoveAsync(Ana, _team, Ana.UserId));
        await Assert.ThrowsAsync<ConflictException>(() => Membership.LeaveAsync(Ana, _team));

        Assert.Contains("at least one Owner", demote.Message);
        Assert.Equal(TeamRole.Owner, (await Teams.GetAsync(Ana, _team)).Member(Ana.UserId)!.Role);
    }

    [Fact]
    public async Task TwoOwnersDemotingEachOtherAtOnceLeaveOneOwner()
    {
        await AddAsync(Bo, TeamRole.Owner);

        var results = await Task.WhenAll(
            Attempt(() => Membership.ChangeRoleAsync(Ana, _team, Bo.UserId, TeamRole.Admin)),
            Attempt(() => Membership.ChangeRoleAsync(Bo, _team, Ana.UserId, TeamRole.Admin)));

        Assert.Single(results, ok => ok);
        Assert.Equal(1, (await Teams.GetAsync(Ana, _team)).OwnerCount);
    }

    [Fact]
    public async Task TwoOwnersLeavingAtOnceLeaveOneOwner()
    {
        await AddAsync(Bo, TeamRole.Owner);

        var results = await Task.WhenAll(Attempt(() => Membership.LeaveAsync(Ana, _team)), Attempt(() => Membership.LeaveAsync(Bo, _team)));

        Assert.Single(results, ok => ok);
        var remaining = await _harness.Get<TeamRecords>().GetAsync(_team, default);
        Assert.Equal(TeamRole.Owner, Assert.Single(remaining!.Members).Role);
    }

    [Fact]
    public async Task TransferringOwnershipMakesTheMemberOwnerAndTheCallerAdmin()
    {
        await AddAsync(Bo, TeamRole.Developer);

        var team = await Membership.TransferOwnershipAsync(Ana, _team, Bo.UserId);

        Assert.Equal((TeamRole.Owner, TeamRole.Admin), (team.Member(Bo.UserId)!.Role, team.Member(Ana.UserId)!.Role));
        await _harness.Get<AccessControl>().RequireAsync(Bo, _team, TeamPermission.ManageTeam, "x");
        await Assert.ThrowsAsync<ForbiddenException>(() => _harness.Get<AccessControl>().RequireAsync(Ana, _team, TeamPermission.ManageTeam, "x"));
    }

    [Fact]
    public async Task OwnershipCannotBeTransferredToAnOwner()
    {
        await AddAsync(Bo, TeamRole.Owner);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Membership.TransferOwnershipAsync(Ana, _team, Bo.UserId));

        Assert.Contains("already an Owner", refused.Message);
        Assert.Equal(TeamRole.Owner, (await Teams.GetAsync(Ana, _team)).Member(Ana.UserId)!.Role);
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessAndTheTeamLeavesTheirList()
    {
        await AddAsync(Bo, TeamRole.Developer);

        await Membership.RemoveAsync(Ana, _team, Bo.UserId);

        await Assert.ThrowsAsync<NotFoundException>(() => Teams.GetAsync(Bo, _team));
        Assert.DoesNotContain(await Teams.ListMineAsync(Bo), m => m.Team.Id == _team);
        Assert.NotEqual(_team, await Teams.CurrentTeamIdAsync(Bo));
    }

    [Fact]
    public async Task APersonalTeamKeepsItsPersonAsOwner()
    {
        var personal = await Teams.CurrentTeamIdAsync(Cy);
        await _harness.Get<InvitationService>().InviteAsync(Cy, personal, "ana@example.com", TeamRole.Owner, TeamTestData.AppBase)
            .ContinueWith(t => _harness.Get<InvitationService>().AcceptAsync(Ana, t.Result.Token)).Unwrap();

        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.RemoveAsync(Ana, personal, Cy.UserId));
        await Assert.ThrowsAsync<ConflictException>(() => Membership.LeaveAsync(Cy, personal));
    }

    [Fact]
    public async Task AViewerAndADeveloperCannotManageMembers()
    {
        await AddAsync(Bo, TeamRole.Developer);
        await AddAsync(Cy, TeamRole.Viewer);

        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.ChangeRoleAsync(Bo, _team, Cy.UserId, TeamRole.Developer));
        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.RemoveAsync(Cy, _team, Bo.UserId));
        await Assert.ThrowsAsync<ForbiddenException>(() => _harness.Get<InvitationService>().InviteAsync(Bo, _team, "x@example.com", TeamRole.Viewer, TeamTestData.AppBase));
    }

    [Fact]
    public async Task AnyoneMayLowerTheirOwnRoleButNotRaiseIt()
    {
        await AddAsync(Bo, TeamRole.Developer);

        await Membership.ChangeRoleAsync(Bo, _team, Bo.UserId, TeamRole.Viewer);

        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.ChangeRoleAsync(Bo, _team, Bo.UserId, TeamRole.Developer));
        Assert.Equal(TeamRole.Viewer, (await Teams.GetAsync(Ana, _team)).Member(Bo.UserId)!.Role);
    }

    [Fact]
    public async Task AViewerIsRefusedEvenARoleChangeThatWouldChangeNothing()
    {
        await AddAsync(Bo, TeamRole.Viewer);

        await Assert.ThrowsAsync<ForbiddenException>(() => Membership.ChangeRoleAsync(Bo, _team, Ana.UserId, TeamRole.Owner));
    }

    [Fact]
    public async Task SwitchingTeamsIsRememberedAndNeedsMembership()
    {
        await AddAsync(Bo, TeamRole.Viewer);

        await Teams.SelectAsync(Bo, _team);

        Assert.Equal(_team, await Teams.CurrentTeamIdAsync(Bo));
        await Assert.ThrowsAsync<NotFoundException>(() => Teams.SelectAsync(Cy, _team));
    }

    private Task AddAsync(Actor actor, TeamRole role) => TeamTestData.AddMemberAsync(_harness.Get<InvitationService>(), _team, Ana, actor, role);

    private static async Task<bool> Attempt(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            // Refused on the team as it was when written: the other change made this one break a rule.
            return false;
        }
    }
}

public sealed class SqliteTeamMembershipTests() : TeamMembershipTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoTeamMembershipTests(AwsEmulators emulators) : TeamMembershipTests(emulators);
