using System.Threading.Channels;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Core.Teams;

/// <summary>Invitation links: expiry, reuse, resend, revoke, racing accepts, what is stored and what is published. On both backends.</summary>
public abstract class InvitationServiceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima"), Bo = new("bo", "Bo"), Cy = new("cy", "Cy");
    private readonly ShiftableTime _time = new();
    private readonly List<IDisposable> _subscriptions = [];
    private ServiceHarness _harness = null!;
    private string _team = "";
    private InvitationService Invitations => _harness.Get<InvitationService>();

    public async Task InitializeAsync()
    {
        _harness = await new ServiceHarness(emulators, s => s.AddSingleton<TimeProvider>(_time)).StartAsync();
        _team = (await _harness.Get<TeamService>().CreateAsync(Ana, "Platform")).Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task AnAcceptedInvitationJoinsWithItsRoleAndCannotBeUsedAgain()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Developer);

        await Invitations.AcceptAsync(Bo, issued.Token);

        var member = await _harness.Get<AccessControl>().RequireAsync(Bo, _team, TeamPermission.Write, "x");
        Assert.Equal(TeamRole.Developer, member.Role);
        Assert.Equal(InvitationState.Accepted, (await Invitations.CheckAsync(issued.Token)).State);
        var reuse = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Cy, issued.Token));
        Assert.Contains("already been used", reuse.Message);
        Assert.Equal(issued.Invitation.Id, (await Invitations.AcceptAsync(Bo, issued.Token)).Id);
    }

    [Fact]
    public async Task AnExpiredInvitationSaysSoAndJoinsNobody()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);
        _time.Offset = TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);

        var check = await Invitations.CheckAsync(issued.Token);

        Assert.Equal(InvitationState.Expired, check.State);
        await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Bo, issued.Token));
        await Assert.ThrowsAsync<NotFoundException>(() => _harness.Get<TeamService>().GetAsync(Bo, _team));
    }

    [Fact]
    public async Task ResendingKillsTheOldLinkAndRenewsTheExpiry()
    {
        var first = await InviteAsync("bo@example.com", TeamRole.Viewer);
        _time.Offset = TimeSpan.FromDays(8);

        var second = await Invitations.ResendAsync(Ana, _team, first.Invitation.Id, TeamTestData.AppBase);

        Assert.Equal(InvitationState.Replaced, (await Invitations.CheckAsync(first.Token)).State);
        Assert.Equal(InvitationState.Open, (await Invitations.CheckAsync(second.Token)).State);
        await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Bo, first.Token));
        await Invitations.AcceptAsync(Bo, second.Token);
    }

    [Fact]
    public async Task ARevokedInvitationCannotBeAcceptedAndLeavesThePendingList()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);

        await Invitations.RevokeAsync(Ana, _team, issued.Invitation.Id);

        Assert.Equal(InvitationState.Revoked, (await Invitations.CheckAsync(issued.Token)).State);
        await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Bo, issued.Token));
        Assert.Empty(await Invitations.ListAsync(Ana, _team));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("inv_0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AnUnknownOrMalformedLinkIsUnknownNotAnError(string token)
    {
        var check = await Invitations.CheckAsync(token);

        Assert.Equal(InvitationState.Unknown, check.State);
        await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Bo, token));
    }

    [Fact]
    public async Task OfConcurrentAcceptsOfOneInvitationExactlyOneWins()
    {
        var issued = await InviteAsync("someone@example.com", TeamRole.Viewer);
        var people = Enumerable.Range(0, 6).Select(i => new Actor($"p{i}", $"Person {i}")).ToList();

        var outcomes = await Task.WhenAll(people.Select(async p =>
        {
            try { await Invitations.AcceptAsync(p, issued.Token); return true; }
            catch (ConflictException) { return false; }
        }));

        Assert.Single(outcomes, won => won);
        var team = await _harness.Get<TeamService>().GetAsync(Ana, _team);
        Assert.Equal(2, team.Members.Count);
    }

    [Fact]
    public async Task OnlyAHashOfTheLinkIsStored()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);

        var item = await _harness.Get<IDocumentStore>().GetAsync(InvitationService.Table, new DocumentKey($"INVITATION#{issued.Invitation.Id}", "INVITATION"));

        var secret = issued.Token.Split('.')[1];
        Assert.DoesNotContain(secret, item!.Body);
        Assert.DoesNotContain(secret, item.Pending ?? "");
    }

    [Fact]
    public async Task AnInvitationIsPublishedWithItsLinkAndJoiningIsCriticalActivity()
    {
        var invitations = Listen(Topics.TeamInvitations);
        var critical = Listen(Topics.CriticalActivity);

        var issued = await InviteAsync("bo@example.com", TeamRole.Admin);
        await Invitations.AcceptAsync(Bo, issued.Token);

        var sent = await invitations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var part in new[] { "bo@example.com", _team, "Platform", "Admin", issued.Link }) Assert.Contains(part, sent.Payload);
        Assert.Equal(ActivityActions.MemberAdded, (await critical.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Type);
    }

    [Fact]
    public async Task ARoleChangeIsPublishedWithBeforeAndAfter()
    {
        await TeamTestData.AddMemberAsync(Invitations, _team, Ana, Bo, TeamRole.Viewer);
        var changes = Listen(Topics.RoleChanges);

        await _harness.Get<TeamMembership>().ChangeRoleAsync(Ana, _team, Bo.UserId, TeamRole.Admin);

        var change = await changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("\"before\":\"Viewer\"", change.Payload);
        Assert.Contains("\"after\":\"Admin\"", change.Payload);
        var (history, _) = await _harness.Get<ActivityLog>().ListForTeamAsync(Ana, _team, 10, null);
        var record = Assert.Single(history, r => r.Action == ActivityActions.MemberRoleChanged);
        Assert.Contains("Viewer", record.Before);
        Assert.Contains("Admin", record.After);
    }

    [Fact]
    public async Task AMemberOpeningSomeoneElsesLinkCannotUseItUp()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Ana, issued.Token));

        Assert.Contains("already a member", refused.Message);
        await Invitations.AcceptAsync(Bo, issued.Token);
    }

    [Fact]
    public async Task AnInvitationFromSomeoneDemotedSinceCannotBeAccepted()
    {
        await TeamTestData.AddMemberAsync(Invitations, _team, Ana, Bo, TeamRole.Admin);
        var issued = await Invitations.InviteAsync(Bo, _team, "spare@example.com", TeamRole.Admin, TeamTestData.AppBase);
        await _harness.Get<TeamMembership>().ChangeRoleAsync(Ana, _team, Bo.UserId, TeamRole.Viewer);
        await _harness.Get<TeamMembership>().LeaveAsync(Bo, _team);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(Bo, issued.Token));

        Assert.Contains("no longer valid", refused.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => _harness.Get<TeamService>().GetAsync(Bo, _team));
    }

    [Fact]
    public async Task AForwardedLinkDoesNotGiveTheAccepterTheInvitedAddress()
    {
        var issued = await InviteAsync("secret.person@example.com", TeamRole.Viewer);

        await Invitations.AcceptAsync(Cy, issued.Token);

        Assert.Null((await _harness.Get<TeamService>().GetAsync(Ana, _team)).Member(Cy.UserId)!.Email);
    }

    [Fact]
    public async Task AMadeUpSecretBesideAKnownIdSaysNothingAboutWho()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);
        await Invitations.AcceptAsync(Bo, issued.Token);

        var check = await Invitations.CheckAsync($"{issued.Invitation.Id}.{new string('A', 43)}");

        Assert.Equal(InvitationState.Replaced, check.State);
        Assert.Equal(("", "", "", null), (check.Invitation!.Email, check.Invitation.InvitedBy, check.Invitation.InvitedByName, check.Invitation.RespondedBy));
    }

    [Fact]
    public async Task AMemberCannotDeclineSomeoneElsesInvitation()
    {
        var issued = await InviteAsync("bo@example.com", TeamRole.Viewer);

        await Assert.ThrowsAsync<ConflictException>(() => Invitations.DeclineAsync(Ana, issued.Token));

        Assert.Equal(InvitationState.Open, (await Invitations.CheckAsync(issued.Token)).State);
    }

    [Fact]
    public async Task AnAdminCannotInviteAnOwner()
    {
        await TeamTestData.AddMemberAsync(Invitations, _team, Ana, Bo, TeamRole.Admin);

        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.InviteAsync(Bo, _team, "cy@example.com", TeamRole.Owner, TeamTestData.AppBase));
        await Invitations.InviteAsync(Bo, _team, "cy@example.com", TeamRole.Admin, TeamTestData.AppBase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("two@example.com,three@example.com")]
    public async Task AnInvalidEmailIsRefusedAndNothingIsStored(string email)
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => InviteAsync(email, TeamRole.Viewer));

        Assert.Empty(await Invitations.ListAsync(Ana, _team));
    }

    private Task<IssuedInvitation> InviteAsync(string email, TeamRole role) => Invitations.InviteAsync(Ana, _team, email, role, TeamTestData.AppBase);

    private ChannelReader<Notification> Listen(string topic)
    {
        var channel = Channel.CreateUnbounded<Notification>();
        _subscriptions.Add(_harness.Get<INotificationBus>().Subscribe(topic, (n, _) => channel.Writer.WriteAsync(n).AsTask()));
        return channel.Reader;
    }
}

public sealed class SqliteInvitationServiceTests() : InvitationServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoInvitationServiceTests(AwsEmulators emulators) : InvitationServiceTests(emulators);
