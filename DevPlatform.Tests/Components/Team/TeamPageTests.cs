using AngleSharp.Dom;
using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Web.Components.Pages.Team;
using MudBlazor;

namespace DevPlatform.Tests.Components.Team;

/// <summary>
/// The Team page as each role sees it: what is offered, what is disabled and the reason it gives (Core's TeamRules), and
/// the changes made through it. The team "Platform" has Ana (its only Owner), Bo (Admin), Cy (Developer) and Di (Viewer).
/// </summary>
public sealed class TeamPageTests : ComponentTestBase
{
    internal static readonly Actor Bo = new("bo", "Bo Berg");
    internal static readonly Actor Cy = new("cy", "Cy Chen");
    internal static readonly Actor Di = new("di", "Di Diaz");
    private const string LastOwner = "A team must keep at least one Owner: make someone else an Owner (or transfer ownership) first.";

    [Fact]
    public async Task AnOwnerMayChangeRemoveAndHandOverOthersButTheLastOwnerCannotStepDownAndIsToldWhy()
    {
        var cut = await ViewAsAsync(Ana, await PlatformTeamAsync());

        var me = Row(cut, Ana);
        Assert.Equal((true, LastOwner), Control(me, "role-select"));
        Assert.Equal((true, LastOwner), Control(me, "leave-team"));
        Assert.Empty(me.QuerySelectorAll("[data-testid=transfer-ownership]"));
        var bo = Row(cut, Bo);
        Assert.Equal((false, null), Control(bo, "role-select"));
        Assert.Equal((false, null), Control(bo, "remove-member"));
        Assert.Equal((false, null), Control(bo, "transfer-ownership"));
        Assert.Equal((false, null), Control(cut.Find("[data-testid=team-header]"), "rename-team"));
        cut.Find("[data-testid=invitations]");
    }

    [Fact]
    public async Task AnAdminManagesAdminsDevelopersAndViewersButNeitherOwnersNorTheTeam()
    {
        var cut = await ViewAsAsync(Bo, await PlatformTeamAsync());

        var ana = Row(cut, Ana);
        Assert.Equal((true, "Only an Owner can change or remove another Owner."), Control(ana, "role-select"));
        Assert.Equal((true, "Only an Owner can change or remove another Owner."), Control(ana, "remove-member"));
        Assert.Equal((false, null), Control(Row(cut, Cy), "role-select"));
        Assert.Equal((false, null), Control(Row(cut, Di), "remove-member"));
        Assert.Equal((false, null), Control(Row(cut, Bo), "leave-team"));
        Assert.Empty(cut.FindAll("[data-testid=transfer-ownership]"));
        Assert.Equal((true, "Your role in this team (Admin) does not allow this: managing the team needs Owner."), Control(cut.Find("[data-testid=team-header]"), "rename-team"));
        cut.Find("[data-testid=invitations]");
    }

    [Fact]
    public async Task ADeveloperSeesRolesButNoMemberControlsAndNoInvitations()
    {
        var cut = await ViewAsAsync(Cy, await PlatformTeamAsync());

        Assert.Contains("Only Owners and Admins manage members.", cut.Find("[data-testid=members-read-only]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=role-select]"));
        Assert.Empty(cut.FindAll("[data-testid=remove-member]"));
        Assert.Equal(["Owner", "Admin", "Developer", "Viewer"], cut.FindAll("[data-testid=role]").Select(r => r.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=invitations]"));
        Assert.Equal((false, null), Control(Row(cut, Cy), "leave-team"));
        Assert.Equal((true, "Your role in this team (Developer) does not allow this: managing the team needs Owner."), Control(cut.Find("[data-testid=team-header]"), "rename-team"));
    }

    [Fact]
    public async Task AViewerSeesTheTeamAndMayLeave()
    {
        var cut = await ViewAsAsync(Di, await PlatformTeamAsync());

        Assert.Equal("You are a Viewer", cut.Find("[data-testid=my-role]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=role-select]"));
        Assert.Empty(cut.FindAll("[data-testid=invitations]"));
        Assert.Equal((false, null), Control(Row(cut, Di), "leave-team"));
    }

    [Fact]
    public void InTheirPersonalTeamTheOwnerCannotLeaveAndIsToldWhy()
    {
        SignInAs(Ana);
        var cut = Render<TeamPageHost>();

        cut.WaitForAssertion(() => Assert.Equal((true, "This is your personal team: you stay its Owner."), Control(Row(cut, Ana), "leave-team")));
        Assert.Contains("Personal team", cut.Markup);
    }

    [Fact]
    public async Task ChangingARoleSavesItAndShowsTheNewRole()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Ana, teamId);

        await cut.InvokeAsync(() => RoleSelect(cut, Cy).ValueChanged.InvokeAsync(TeamRole.Admin));

        // Other messages may show beside it: the joins of the arrangement reach the page late.
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-snackbar"), s => s.TextContent.Contains("Cy Chen is now an Admin.")));
        Assert.Equal("Admin", Row(cut, Cy).QuerySelector("[data-testid=role-select]")!.TextContent.Trim());
        Assert.Equal(TeamRole.Admin, (await Service<TeamService>().GetAsync(Ana, teamId)).Member(Cy.UserId)!.Role);
    }

    [Fact]
    public async Task RemovingAMemberAsksFirstAndCancelKeepsThem()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Ana, teamId);

        await cut.InvokeAsync(() => Row(cut, Di).QuerySelector("[data-testid=remove-member]")!.Click());
        cut.WaitForAssertion(() => Assert.Contains("Remove Di Diaz?", cut.Markup));
        await ClickButton(cut, "Cancel");

        cut.WaitForAssertion(() => Assert.DoesNotContain("Remove Di Diaz?", cut.Markup));
        Assert.NotNull((await Service<TeamService>().GetAsync(Ana, teamId)).Member(Di.UserId));
    }

    [Fact]
    public async Task ConfirmingTheRemovalTakesTheMemberOffTheTable()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Ana, teamId);

        await cut.InvokeAsync(() => Row(cut, Di).QuerySelector("[data-testid=remove-member]")!.Click());
        cut.WaitForAssertion(() => Assert.Contains("Remove Di Diaz?", cut.Markup));
        await ClickButton(cut, "Remove");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-user-id={Di.UserId}]")));
        Assert.Null((await Service<TeamService>().GetAsync(Ana, teamId)).Member(Di.UserId));
    }

    [Fact]
    public async Task TransferringOwnershipMakesThemOwnerAndTheCallerAdminAfterConfirming()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Ana, teamId);

        await cut.InvokeAsync(() => Row(cut, Bo).QuerySelector("[data-testid=transfer-ownership]")!.Click());
        cut.WaitForAssertion(() => Assert.Contains("Make Bo Berg the Owner?", cut.Markup));
        await ClickButton(cut, "Transfer ownership");

        cut.WaitForAssertion(() => Assert.Equal("You are an Admin", cut.Find("[data-testid=my-role]").TextContent.Trim()));
        var team = await Service<TeamService>().GetAsync(Ana, teamId);
        Assert.Equal((TeamRole.Owner, TeamRole.Admin), (team.Member(Bo.UserId)!.Role, team.Member(Ana.UserId)!.Role));
        // Now an Admin, Ana can no longer touch the Owner nor hand anything over.
        Assert.Equal((true, "Only an Owner can change or remove another Owner."), Control(Row(cut, Bo), "role-select"));
        Assert.Empty(cut.FindAll("[data-testid=transfer-ownership]"));
    }

    [Fact]
    public async Task RenamingTheTeamValidatesTheNameThenShowsTheNewName()
    {
        var cut = await ViewAsAsync(Ana, await PlatformTeamAsync());

        await cut.InvokeAsync(() => cut.Find("[data-testid=rename-team]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=team-name]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=team-name]").Input(""));
        await cut.InvokeAsync(() => cut.Find("[data-testid=team-name-save]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Name is required.", cut.Markup));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=team-name]").Input("Platform core"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=team-name-save]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Platform core", cut.Find("[data-testid=team-title]").TextContent));
    }

    [Fact]
    public async Task AMemberWhoJoinsElsewhereAppearsWithoutAReload()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Ana, teamId);

        await TeamTestData.AddMemberAsync(Service<InvitationService>(), teamId, Ana, new Actor("eve", "Eve Evans"), TeamRole.Developer);

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Eve Evans", cut.Find("[data-testid=members-table]").TextContent);
            Assert.Contains(cut.FindAll(".mud-snackbar"), s => s.TextContent.Contains("Eve Evans joined the team."));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SomeoneRemovedWhileTheirPageIsOpenIsToldSo()
    {
        var teamId = await PlatformTeamAsync();
        var cut = await ViewAsAsync(Cy, teamId);

        await Service<TeamMembership>().RemoveAsync(Ana, teamId, Cy.UserId);

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-longer-member]"), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=members-table]"));
    }

    [Fact]
    public async Task APageViewReadsTheTeamsInvitationsOnce()
    {
        var teamId = await PlatformTeamAsync();
        await Service<TeamService>().SelectAsync(Ana, teamId);
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<TeamPage>(c => Assert.Contains("Platform", c.Find("[data-testid=team-title]").TextContent));

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitations]"));
        Assert.Equal(1, Store.ReadsOf(InvitationService.Table));
    }

    internal async Task<string> PlatformTeamAsync()
    {
        var team = await Service<TeamService>().CreateAsync(Ana, "Platform");
        var invitations = Service<InvitationService>();
        await TeamTestData.AddMemberAsync(invitations, team.Id, Ana, Bo, TeamRole.Admin);
        await TeamTestData.AddMemberAsync(invitations, team.Id, Ana, Cy, TeamRole.Developer);
        await TeamTestData.AddMemberAsync(invitations, team.Id, Ana, Di, TeamRole.Viewer);
        return team.Id;
    }

    private async Task<IRenderedComponent<TeamPageHost>> ViewAsAsync(Actor viewer, string teamId)
    {
        await Service<TeamService>().SelectAsync(viewer, teamId);
        SignInAs(viewer);
        var cut = Render<TeamPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=members-table]"));
        return cut;
    }

    private static IElement Row(IRenderedComponent<TeamPageHost> cut, Actor member) => cut.Find($"[data-user-id={member.UserId}]").Closest("tr")!;

    private static MudSelect<TeamRole> RoleSelect(IRenderedComponent<TeamPageHost> cut, Actor member) =>
        cut.FindComponents<MudSelect<TeamRole>>().Single(s => s.Find("[data-testid=role-select]").GetAttribute("aria-label") == $"Role of {member.DisplayName}").Instance;

    /// <summary>Whether the control is disabled, and the reason its tooltip gives.</summary>
    internal static (bool Disabled, string? Reason) Control(IElement scope, string testId) =>
        State(scope.QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"No {testId} here."));

    /// <summary>Whether the control is disabled, and the reason its tooltip gives.</summary>
    internal static (bool Disabled, string? Reason) State(IElement control) =>
        (control.HasAttribute("disabled") || control.GetAttribute("aria-disabled") == "true",
         control.Closest(".disabled-reason")?.GetAttribute("data-reason"));

    /// <summary>Finds and clicks in one go: a live event may re-render the page between the two.</summary>
    internal static Task ClickButton<T>(IRenderedComponent<T> cut, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click());
}
