using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Teams;

/// <summary>
/// Membership changes interrupted after their first durable write are finished by the repair pass, exactly once, and a
/// late rerun never undoes a later change. On both backends.
/// </summary>
public abstract class TeamConvergenceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima"), Bo = new("bo", "Bo");
    private FaultyDocumentStore _store = null!;
    private ServiceHarness _harness = null!;
    private string _team = "";
    private InvitationService Invitations => _harness.Get<InvitationService>();

    public async Task InitializeAsync()
    {
        _harness = await ServiceHarness.WithDocuments(emulators, inner => _store = new FaultyDocumentStore(inner)).StartAsync();
        _team = (await _harness.Get<TeamService>().CreateAsync(Ana, "Platform")).Id;
        // Bo has signed in before, so the steps counted below are the accept's own.
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>Every step of an accept after the invitation is answered: joining, the member item, the record, clearing both.</summary>
    [Theory]
    [InlineData("Put:teams", 1)]
    [InlineData("Put:teams", 2)]
    [InlineData("Put:activity", 1)]
    [InlineData("Put:teams", 3)]
    [InlineData("Put:invitations", 2)]
    public async Task AnAcceptInterruptedAtAnyStepJoinsOnceAfterRepair(string step, int occurrence)
    {
        var issued = await Invitations.InviteAsync(Ana, _team, "bo@example.com", TeamRole.Developer, TeamTestData.AppBase);
        FailAt(step, occurrence);

        await Invitations.AcceptAsync(Bo, issued.Token);
        Assert.Equal(1, _store.Failures);
        await RepairAsync();

        var member = await _harness.Get<AccessControl>().RequireAsync(Bo, _team, TeamPermission.Write, "x");
        Assert.Equal(TeamRole.Developer, member.Role);
        Assert.Single((await _harness.Get<TeamService>().GetAsync(Ana, _team)).Members, m => m.UserId == Bo.UserId);
        Assert.Single(await History(), r => r.Action == ActivityActions.MemberAdded && r.TargetId == Bo.UserId);
        await AssertNothingOwedAsync();
    }

    [Fact]
    public async Task ALateRerunOfAnAcceptDoesNotBringBackSomeoneRemovedSince()
    {
        var issued = await Invitations.InviteAsync(Ana, _team, "bo@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        FailAt("Put:invitations", 2);
        await Invitations.AcceptAsync(Bo, issued.Token);
        _store.FailOn = _ => false;

        await _harness.Get<TeamMembership>().RemoveAsync(Ana, _team, Bo.UserId);
        await RepairAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => _harness.Get<TeamService>().GetAsync(Bo, _team));
        await AssertNothingOwedAsync();
    }

    [Fact]
    public async Task ARoleChangeWhoseMemberItemWasNotWrittenTakesEffectAfterRepair()
    {
        await TeamTestData.AddMemberAsync(Invitations, _team, Ana, Bo, TeamRole.Viewer);
        FailAt("Put:teams", 2);

        await _harness.Get<TeamMembership>().ChangeRoleAsync(Ana, _team, Bo.UserId, TeamRole.Admin);
        await RepairAsync();

        Assert.Equal(TeamRole.Admin, (await _harness.Get<AccessControl>().RequireAsync(Bo, _team, TeamPermission.ManageMembers, "x")).Role);
        await AssertNothingOwedAsync();
    }

    private void FailAt(string step, int occurrence)
    {
        var seen = 0;
        _store.FailOn = call => call == step && ++seen == occurrence;
    }

    private async Task RepairAsync()
    {
        _store.FailOn = _ => false;
        var runner = _harness.Get<OwedWorkRunner>();
        foreach (var table in new[] { InvitationService.Table, IdentityTables.Teams })
            await runner.RepairAsync(table, TimeSpan.Zero, CancellationToken.None);
    }

    private async Task AssertNothingOwedAsync()
    {
        foreach (var table in new[] { InvitationService.Table, IdentityTables.Teams })
            Assert.Empty((await _harness.Get<IDocumentStore>().QueryAsync(table, new DocumentQuery("OWED") { IndexName = OwedWorkRunner.IndexName })).Items);
    }

    private async Task<IReadOnlyList<ActivityRecord>> History() => (await _harness.Get<ActivityLog>().ListForTeamAsync(Ana, _team, 100, null)).Items;
}

public sealed class SqliteTeamConvergenceTests() : TeamConvergenceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoTeamConvergenceTests(AwsEmulators emulators) : TeamConvergenceTests(emulators);
