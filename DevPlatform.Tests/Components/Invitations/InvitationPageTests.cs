using Bunit;
using Bunit.TestDoubles;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using Microsoft.AspNetCore.Components;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Invitations;

/// <summary>The page an invitation link opens, for each state of the link, signed in or not.</summary>
public sealed class InvitationPageTests : ComponentTestBase
{
    private InvitationService Invitations => Service<InvitationService>();
    private string _teamId = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _teamId = (await Service<TeamService>().CreateAsync(Ana, "Platform")).Id;
    }

    [Fact]
    public async Task AnOpenInvitationShowsTeamRoleInviterAndExpiryAndOffersAcceptAndDecline()
    {
        var issued = await InviteAsync();
        SignInAs(Bo);

        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => cut.Find("[data-testid=accept-invitation]"));
        Assert.Equal("Platform", cut.Find("[data-testid=invitation-team]").TextContent);
        Assert.StartsWith("Developer", cut.Find("[data-testid=invitation-role]").TextContent.Trim());
        Assert.Contains("Ana Lima", cut.Markup);
        Assert.NotEmpty(cut.Find("[data-testid=invitation-expires]").TextContent.Trim());
        cut.Find("[data-testid=decline-invitation]");
        Assert.Empty(cut.FindAll("[data-testid=sign-in-to-accept]"));
    }

    [Fact]
    public async Task SomeoneNotSignedInSeesTheInvitationAndASignInThatComesBackToIt()
    {
        var issued = await InviteAsync();
        SignOut();

        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => cut.Find("[data-testid=sign-in-to-accept]"));
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/invitations/{issued.Token}")}",
            cut.Find("[data-testid=sign-in-to-accept]").GetAttribute("href"));
        Assert.Equal("Platform", cut.Find("[data-testid=invitation-team]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=accept-invitation]"));
    }

    [Fact]
    public async Task AcceptingJoinsTheTeamSelectsItAndGoesToTheTeamPage()
    {
        var issued = await InviteAsync();
        SignInAs(Bo);
        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => cut.Find("[data-testid=accept-invitation]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=accept-invitation]").Click());

        var navigation = Service<BunitNavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/team?joined=1", navigation.Uri));
        Assert.True(navigation.History.First().Options.ForceLoad);
        Assert.Equal(TeamRole.Developer, (await Service<TeamService>().GetAsync(Bo, _teamId)).Member(Bo.UserId)!.Role);
        Assert.Equal(_teamId, await Service<TeamService>().CurrentTeamIdAsync(Bo));
    }

    [Fact]
    public async Task DecliningAsksFirstThenSaysTheInvitationWasDeclined()
    {
        var issued = await InviteAsync();
        SignInAs(Bo);
        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => cut.Find("[data-testid=decline-invitation]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=decline-invitation]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Decline the invitation?", cut.Markup));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Decline" && b.GetAttribute("data-testid") is null).Click());

        cut.WaitForAssertion(() => Assert.Equal("Invitation declined", cut.Find("[data-testid=invitation-title]").TextContent));
        Assert.Contains("You declined this invitation", cut.Find("[data-testid=invitation-unusable]").TextContent);
        Assert.Null((await Service<TeamService>().ListMineAsync(Bo)).FirstOrDefault(m => m.Team.Id == _teamId));
    }

    [Fact]
    public async Task AMemberOfTheTeamIsToldSoAndNotOfferedToAccept()
    {
        var issued = await InviteAsync();

        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => Assert.Contains("You are already a member of Platform.", cut.Find("[data-testid=already-member]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=accept-invitation]"));
    }

    [Fact]
    public async Task AnExpiredInvitationSaysSoAndWhomToAsk()
    {
        var issued = await InviteAsync();
        Clock.Offset = TimeSpan.FromDays(8);
        SignInAs(Bo);

        var cut = RenderPage(issued.Token);

        AssertUnusable(cut, "Invitation expired", InvitationState.Expired);
        Assert.Contains("Platform", cut.Markup);
    }

    [Fact]
    public async Task ARevokedInvitationSaysItWasWithdrawn()
    {
        var issued = await InviteAsync();
        await Invitations.RevokeAsync(Ana, issued.Invitation.TeamId, issued.Invitation.Id);
        SignOut();

        var cut = RenderPage(issued.Token);

        AssertUnusable(cut, "Invitation withdrawn", InvitationState.Revoked);
    }

    [Fact]
    public async Task AnInvitationSomeoneElseAcceptedSaysItWasUsed()
    {
        var issued = await InviteAsync();
        await Invitations.AcceptAsync(Cy, issued.Token);
        SignInAs(Bo);

        var cut = RenderPage(issued.Token);

        AssertUnusable(cut, "Invitation already used", InvitationState.Accepted);
        Assert.Contains("Go to Home", cut.Markup);
    }

    [Fact]
    public async Task AnInvitationTheSamePersonAcceptedOffersToOpenTheTeam()
    {
        var issued = await InviteAsync();
        await Invitations.AcceptAsync(Bo, issued.Token);
        SignInAs(Bo);

        var cut = RenderPage(issued.Token);

        cut.WaitForAssertion(() => Assert.Contains("You accepted this invitation already", cut.Find("[data-testid=invitation-unusable]").TextContent));
        Assert.Contains("Open the team", cut.Markup);
    }

    [Fact]
    public async Task AnOldLinkOfAResentInvitationSaysToUseTheNewestOne()
    {
        var issued = await InviteAsync();
        await Invitations.ResendAsync(Ana, issued.Invitation.TeamId, issued.Invitation.Id, TeamTestData.AppBase);
        SignInAs(Bo);

        var cut = RenderPage(issued.Token);

        AssertUnusable(cut, "Link replaced by a newer one", InvitationState.Replaced);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("inv_00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void AnUnknownLinkSaysItDoesNotWorkWithoutAnError(string token)
    {
        SignOut();

        var cut = RenderPage(token);

        AssertUnusable(cut, "Invitation link not valid", InvitationState.Unknown);
        Assert.Contains("Go to sign-in", cut.Markup);
    }

    [Fact]
    public async Task APageViewChecksTheLinkOnce()
    {
        var issued = await InviteAsync();
        SignInAs(Bo);
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<Web.Components.Pages.Invitations.InvitationPage>(
            c => c.Find("[data-testid=accept-invitation]"), p => p.Add(x => x.Token, issued.Token));

        cut.WaitForAssertion(() => cut.Find("[data-testid=accept-invitation]"));
        Assert.Equal(1, Store.ReadsOf(InvitationService.Table));
    }

    private Task<IssuedInvitation> InviteAsync() =>
        Invitations.InviteAsync(Ana, _teamId, "bo@example.com", TeamRole.Developer, TeamTestData.AppBase);

    private IRenderedComponent<InvitationPageHost> RenderPage(string token) => Render<InvitationPageHost>(p => p.Add(x => x.Token, token));

    private static void AssertUnusable(IRenderedComponent<InvitationPageHost> cut, string title, InvitationState state) =>
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(title, cut.Find("[data-testid=invitation-title]").TextContent);
            Assert.Equal(InvitationService.Unusable(state), cut.Find("[data-testid=invitation-unusable]").TextContent);
        });
}
