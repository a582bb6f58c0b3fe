using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Components.Pages.Projects;

namespace DevPlatform.Tests.Components.Projects;

public sealed class ProjectsPageTests : ComponentTestBase
{
    private ProjectService Projects => Service<ProjectService>();

    [Fact]
    public async Task ListsTheTeamsProjectsInNameOrder()
    {
        await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Zeta service", "last"));
        await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Alpha service", "first"));

        var cut = Render<ProjectsPageHost>();

        cut.WaitForAssertion(() =>
        {
            var names = cut.FindAll("[data-testid=projects-table] tbody tr td:first-child a").Select(a => a.TextContent).ToList();
            Assert.Equal(["Alpha service", "Zeta service"], names);
            Assert.Contains("1–2 of 2", cut.Markup);
        });
    }

    [Fact]
    public async Task PagesForwardAndBackWithTheCursorPager()
    {
        for (var i = 1; i <= 23; i++) await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput($"svc-{i:D2}", ""));
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => Assert.Contains("1–20 of 23", cut.Markup));

        cut.Find("[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Contains("21–23 of 23", cut.Markup));
        var secondPage = Names(cut);
        cut.Find("[aria-label='Previous page']").Click();

        cut.WaitForAssertion(() => Assert.Contains("1–20 of 23", cut.Markup));
        Assert.Equal(["svc-21", "svc-22", "svc-23"], secondPage);
        Assert.True(cut.Find("[aria-label='Previous page']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SearchShowsOnlyNamesThatStartWithTheTextAndSaysSoWhenNoneDo()
    {
        foreach (var name in new[] { "Billing", "billing-worker", "Search API" })
            await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput(name, ""));
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Count));

        cut.Find("input[data-testid=project-search]").Input("BILL");
        cut.WaitForAssertion(() => Assert.Equal(["Billing", "billing-worker"], Names(cut)), TimeSpan.FromSeconds(5));
        cut.Find("input[data-testid=project-search]").Input("api");

        cut.WaitForAssertion(() => Assert.Contains("No project name starts with", cut.Find("[data-testid=projects-empty]").TextContent),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task APageViewReadsOnceThePrerendersPageCarriesIntoTheLiveCircuit()
    {
        for (var i = 1; i <= 23; i++) await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput($"svc-{i:D2}", ""));
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<ProjectsPage>(c => Assert.Contains("1–20 of 23", c.Markup));

        cut.WaitForAssertion(() => Assert.Contains("1–20 of 23", cut.Markup));
        Assert.Equal(1, Store.ReadsOf(ProjectService.Table));
        // The carried-over pager still knows the next page.
        cut.Find("[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Contains("21–23 of 23", cut.Markup));
    }

    private static List<string> Names(IRenderedComponent<ProjectsPageHost> cut) =>
        cut.FindAll("[data-testid=projects-table] tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    [Fact]
    public void ShowsAnEmptyStateWhenTheTeamHasNoProjects()
    {
        var cut = Render<ProjectsPageHost>();

        cut.WaitForAssertion(() => Assert.Contains("No projects yet", cut.Find("[data-testid=projects-empty]").TextContent));
    }

    [Fact]
    public async Task SayingCreateWithNoNameShowsTheValidationMessageAndStoresNothing()
    {
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=projects-empty]"));

        cut.Find("[data-testid=new-project]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-save]"));
        cut.Find("[data-testid=project-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Name is required.", cut.Markup));
        Assert.Equal(0, (await Projects.ListAsync(Ana, AnaTeamId, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task CreatingThroughTheDialogListsTheNewProjectAtOnceThoughTheIndexLags()
    {
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=projects-empty]"));
        Index.Lagging = true;

        cut.Find("[data-testid=new-project]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-save]"));
        cut.Find("input[data-testid=project-name]").Input("Payments");
        cut.Find("[data-testid=project-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Payments", cut.Find("[data-testid=projects-table] tbody").TextContent));
        Index.CatchUp();
        Assert.Equal("Payments", Assert.Single((await Projects.ListAsync(Ana, AnaTeamId, new ProjectListQuery())).Items).Name);
    }

    [Fact]
    public async Task DeletingAsksForConfirmationAndCancelKeepsTheProject()
    {
        await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Keep me", ""));
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-project]"));

        cut.Find("[data-testid=delete-project]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete project?", cut.Markup));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Delete project?", cut.Markup));
        Assert.Equal(1, (await Projects.ListAsync(Ana, AnaTeamId, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task ConfirmingTheDeleteRemovesTheProjectAtOnceThoughTheIndexLags()
    {
        await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Remove me", ""));
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-project]"));
        Index.Lagging = true;

        cut.Find("[data-testid=delete-project]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete project?", cut.Markup));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=projects-empty]"));
        Assert.Equal(0, (await Projects.ListAsync(Ana, AnaTeamId, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task AProjectCreatedElsewhereInTheTeamAppearsWithoutAReload()
    {
        var cut = Render<ProjectsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=projects-empty]"));

        await Projects.CreateAsync(new Actor(Ana.UserId, "Ana on her laptop"), AnaTeamId, new ProjectInput("From elsewhere", ""));

        cut.WaitForAssertion(() => Assert.Contains("From elsewhere", cut.Find("[data-testid=projects-table] tbody").TextContent), TimeSpan.FromSeconds(10));
    }
}
