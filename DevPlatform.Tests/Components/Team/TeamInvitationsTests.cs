using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Team;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Team;

/// <summary>The Team page's pending invitations: inviting shows the link once; resend, revoke, expiry, and who may do what.</summary>
public sealed class TeamInvitationsTests : ComponentTestBase
{
    private InvitationService Invitations => Service<InvitationService>();

    [Fact]
    public async Task InvitingShowsTheLinkOnceSaysNoMailWentAndListsTheInvitation()
    {
        var teamId = await TeamAsync();
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("[data-testid=invite]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-email]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=invite-email]").Input("eve@example.com"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-send]").Click());

        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-link]"));
        var link = cut.Find("input[data-testid=invite-link]").GetAttribute("value")!;
        Assert.Contains("No mail channel is configured: copy this link and send it to eve@example.com yourself.", cut.Find("[data-testid=invite-sent]").TextContent);
        Assert.Contains("shown only now", cut.Find("[data-testid=invite-link-warning]").TextContent);
        var token = link[(link.IndexOf("/invitations/", StringComparison.Ordinal) + "/invitations/".Length)..];
        Assert.Equal(InvitationState.Open, (await Invitations.CheckAsync(token)).State);
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-done]").Click());
        cut.WaitForAssertion(() => Assert.Contains("eve@example.com", cut.Find("[data-testid=invitations-table]").TextContent));
        Assert.DoesNotContain(token, cut.Markup);
        Assert.Single(await Invitations.ListAsync(Ana, teamId));
    }

    [Fact]
    public async Task AnInvitationMadeHereStaysListedWhileTheIndexLagsAndLeavesOnceAcceptedElsewhere()
    {
        var teamId = await TeamAsync();
        var cut = RenderPage();
        Index.Lagging = true;
        var link = await InviteThroughTheDialogAsync(cut, "bo@example.com");

        // A live event makes the page list again from the lagging index: the invitation stays.
        await Invitations.InviteAsync(Ana, teamId, "cy@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        cut.WaitForAssertion(() => Assert.Contains("bo@example.com", cut.Find("[data-testid=invitations-table]").TextContent));
        Index.CatchUp();
        Index.Lagging = false;
        await Invitations.AcceptAsync(Bo, link[(link.LastIndexOf('/') + 1)..]);

        cut.WaitForAssertion(() => Assert.DoesNotContain("bo@example.com", cut.Find("[data-testid=invitations-table]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Bo Berg", cut.Find("[data-testid=members-table]").TextContent);
    }

    [Fact]
    public async Task TheInviteDialogChecksTheEmailAsItIsTypedAndSendsNothingUntilItIsRight()
    {
        var teamId = await TeamAsync();
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("[data-testid=invite]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-email]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=invite-email]").Input("Ana <ana@example.com>"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-send]").Click());

        cut.WaitForAssertion(() => Assert.Contains(TeamRules.CheckEmail("Ana <ana@example.com>")!, cut.Markup));
        Assert.Empty(cut.FindAll("input[data-testid=invite-link]"));
        Assert.Empty(await Invitations.ListAsync(Ana, teamId));
    }

    [Fact]
    public async Task AnOwnerMayInviteOwnersAndAnAdminOnlyTheRolesBelow()
    {
        var teamId = await TeamAsync();
        await TeamTestData.AddMemberAsync(Invitations, teamId, Ana, Bo, TeamRole.Admin);

        var owner = RenderPage();
        owner.Find("[data-testid=invite]").Click();
        owner.WaitForAssertion(() => owner.FindComponent<InviteDialog>());
        Assert.Equal([TeamRole.Owner, TeamRole.Admin, TeamRole.Developer, TeamRole.Viewer], owner.FindComponent<InviteDialog>().Instance.Roles);
        await DisposeComponentsAsync();

        await Service<TeamService>().SelectAsync(Bo, teamId);
        SignInAs(Bo);
        var admin = RenderPage();
        admin.Find("[data-testid=invite]").Click();
        admin.WaitForAssertion(() => admin.FindComponent<InviteDialog>());
        Assert.Equal([TeamRole.Admin, TeamRole.Developer, TeamRole.Viewer], admin.FindComponent<InviteDialog>().Instance.Roles);
    }

    [Fact]
    public async Task AnAdminCannotResendOrRevokeAnOwnersInvitationAndIsToldWhy()
    {
        var teamId = await TeamAsync();
        await TeamTestData.AddMemberAsync(Invitations, teamId, Ana, Bo, TeamRole.Admin);
        await Invitations.InviteAsync(Ana, teamId, "owner@example.com", TeamRole.Owner, TeamTestData.AppBase);
        await Service<TeamService>().SelectAsync(Bo, teamId);
        SignInAs(Bo);

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=revoke-invitation]"));
        var row = cut.Find("[data-testid=invitations-table] tbody tr");
        Assert.Equal((true, "Only an Owner can make someone an Owner."), Control(row, "resend-invitation"));
        Assert.Equal((true, "Only an Owner can make someone an Owner."), Control(row, "revoke-invitation"));
    }

    [Fact]
    public async Task ResendingShowsANewLinkAndTheOldOneStopsWorking()
    {
        var teamId = await TeamAsync();
        var first = await Invitations.InviteAsync(Ana, teamId, "eve@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=resend-invitation]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=resend-invitation]").Click());

        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-link]"));
        var link = cut.Find("input[data-testid=invite-link]").GetAttribute("value")!;
        Assert.NotEqual(first.Link, link);
        Assert.Equal(InvitationState.Replaced, (await Invitations.CheckAsync(first.Token)).State);
    }

    [Fact]
    public async Task RevokingAsksFirstThenTakesTheInvitationOffTheList()
    {
        var teamId = await TeamAsync();
        var issued = await Invitations.InviteAsync(Ana, teamId, "eve@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=revoke-invitation]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=revoke-invitation]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Revoke the invitation?", cut.Markup));
        await ClickButton(cut, "Revoke");

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitations-empty]"));
        Assert.Equal(InvitationState.Revoked, (await Invitations.CheckAsync(issued.Token)).State);
    }

    [Fact]
    public async Task AnExpiredInvitationIsListedWithAnExpiredChip()
    {
        var teamId = await TeamAsync();
        await Invitations.InviteAsync(Ana, teamId, "late@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        Clock.Offset = TimeSpan.FromDays(8);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("Expired", cut.Find("[data-testid=invitation-expired]").TextContent.Trim()));
    }

    [Fact]
    public async Task WithNoPendingInvitationsTheListSaysHowToInvite()
    {
        await TeamAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("No pending invitations", cut.Find("[data-testid=invitations-empty]").TextContent));
    }

    private static async Task<string> InviteThroughTheDialogAsync(IRenderedComponent<TeamPageHost> cut, string email)
    {
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-email]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=invite-email]").Input(email));
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-send]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=invite-link]"));
        var link = cut.Find("input[data-testid=invite-link]").GetAttribute("value")!;
        await cut.InvokeAsync(() => cut.Find("[data-testid=invite-done]").Click());
        cut.WaitForAssertion(() => Assert.Contains(email, cut.Find("[data-testid=invitations-table]").TextContent));
        return link;
    }

    private async Task<string> TeamAsync()
    {
        var team = await Service<TeamService>().CreateAsync(Ana, "Platform");
        await Service<TeamService>().SelectAsync(Ana, team.Id);
        return team.Id;
    }

    private IRenderedComponent<TeamPageHost> RenderPage()
    {
        var cut = Render<TeamPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=invitations]"));
        return cut;
    }
}
