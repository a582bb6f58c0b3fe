using Bunit;
using Bunit.TestDoubles;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Layout;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Layout;

public sealed class TeamSwitcherTests : ComponentTestBase
{
    [Fact]
    public async Task ShowsTheCurrentTeamAndListsEveryTeamOfMineWithMyRole()
    {
        var platform = await Service<TeamService>().CreateAsync(Bo, "Platform");
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), platform.Id, Bo, Ana, TeamRole.Viewer);

        var cut = Render<TeamSwitcherHost>();
        cut.WaitForAssertion(() => Assert.Equal("Ana Lima's team", cut.Find("[data-testid=team-switcher]").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Find("[data-testid=team-switcher]").Click());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=team-option]").Count));
        var options = cut.FindAll("[data-testid=team-option]").Select(o => o.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal([["Ana Lima's team", "Owner"], ["Platform", "Viewer"]], options.Select(o => o.ToArray()));
        cut.Find("[data-testid=create-team]");
    }

    [Fact]
    public async Task ChoosingATeamSelectsItAndReloadsThePage()
    {
        var platform = await Service<TeamService>().CreateAsync(Ana, "Platform");
        var navigation = Service<BunitNavigationManager>();
        navigation.NavigateTo("/projects");
        var cut = Render<TeamSwitcherHost>();
        cut.WaitForAssertion(() => Assert.Equal("Ana Lima's team", cut.Find("[data-testid=team-switcher]").TextContent.Trim()));

        await cut.InvokeAsync(() => cut.Find("[data-testid=team-switcher]").Click());
        cut.WaitForAssertion(() => cut.Find($"[data-team-id={platform.Id}]"));
        await cut.InvokeAsync(() => cut.Find($"[data-team-id={platform.Id}]").Click());

        cut.WaitForAssertion(() => Assert.True(navigation.History.First().Options.ForceLoad));
        Assert.EndsWith("/projects", navigation.Uri);
        Assert.Equal(platform.Id, await Service<TeamService>().CurrentTeamIdAsync(Ana));
    }

    [Fact]
    public async Task CreatingATeamFromTheSwitcherSelectsItAndOpensItsTeamPage()
    {
        var cut = Render<TeamSwitcherHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=team-switcher]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=team-switcher]").Click());

        cut.WaitForAssertion(() => cut.Find("[data-testid=create-team]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=create-team]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=team-name]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=team-name]").Input("Data science"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=team-name-save]").Click());

        var navigation = Service<BunitNavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/team?created=1", navigation.Uri));
        var current = await Service<TeamService>().CurrentTeamIdAsync(Ana);
        Assert.Equal("Data science", (await Service<TeamService>().GetAsync(Ana, current)).Name);
    }

    [Theory]
    [InlineData("projects", "/projects")]
    [InlineData("projects/prj_0123", "/projects")]
    [InlineData("invitations/inv_1.x", "/team")]
    [InlineData("team", "/team")]
    [InlineData("", "/")]
    public void AfterASwitchAPageOfOneThingOfTheOldTeamGivesWayToItsList(string path, string expected) =>
        Assert.Equal(expected, TeamSwitcher.AfterSwitch(path));
}
