using Bunit;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;

namespace DevPlatform.Tests.Components.Home;

public sealed class HomePageTests : ComponentTestBase
{
    [Fact]
    public void ANewUserSeesZeroProjectsAndAnEmptyActivityList()
    {
        var cut = Render<DevPlatform.Web.Components.Pages.Home>();

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=project-count]").TextContent));
        Assert.Contains("No activity yet", cut.Find("[data-testid=activity-empty]").TextContent);
    }

    [Fact]
    public async Task CountAndActivityFollowChangesLiveFromTheEventsAlone()
    {
        var cut = Render<DevPlatform.Web.Components.Pages.Home>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-count]"));
        Store.ResetCounts();

        var project = await Service<ProjectService>().CreateAsync(new Actor(Ana.UserId, "Ana elsewhere"), AnaTeamId, new ProjectInput("Live one", ""));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=project-count]").TextContent);
            Assert.Contains("Ana elsewhere created project Live one", Text(cut));
        }, TimeSpan.FromSeconds(10));
        await Service<ProjectService>().DeleteAsync(Ana, project.Id, project.Version);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("0", cut.Find("[data-testid=project-count]").TextContent);
            Assert.Contains("Ana Lima deleted project Live one", Text(cut));
        }, TimeSpan.FromSeconds(10));
        // Reloading would read the counter (the count) and the activity table; the delete above reads only the project.
        Assert.Equal(0, Store.ReadsOf(ProjectService.CountersTable) + Store.ReadsOf(ActivityLog.Table));
    }

    [Fact]
    public async Task TheActivityListKeepsTheNewestEight()
    {
        for (var i = 1; i <= 8; i++) await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput($"svc-{i}", ""));
        var cut = Render<DevPlatform.Web.Components.Pages.Home>();
        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("[data-testid=project-count]").TextContent));

        await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("svc-9", ""));

        cut.WaitForAssertion(() => Assert.Contains("created project svc-9", Text(cut)), TimeSpan.FromSeconds(10));
        Assert.Equal(8, cut.FindAll(".mud-list-item").Count);
        Assert.DoesNotContain("created project svc-1<", Text(cut));
    }

    [Fact]
    public async Task APageViewReadsOnceThePrerendersStateCarriesIntoTheLiveCircuit()
    {
        await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Ledger", ""));
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<DevPlatform.Web.Components.Pages.Home>(
            c => Assert.Equal("1", c.Find("[data-testid=project-count]").TextContent));

        cut.WaitForAssertion(() => Assert.Contains("created project Ledger", Text(cut)));
        Assert.Equal("1", cut.Find("[data-testid=project-count]").TextContent);
        Assert.Equal((1, 1), (Store.ReadsOf(ProjectService.Table), Store.ReadsOf(ActivityLog.Table)));
    }

    private static string Text(IRenderedComponent<DevPlatform.Web.Components.Pages.Home> cut) =>
        cut.Markup.Replace("<b>", "").Replace("</b>", "");
}
