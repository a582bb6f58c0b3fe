using System.Globalization;
using Bunit;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Components.Pages.Projects;

namespace DevPlatform.Tests.Components.Projects;

public sealed class ProjectDetailPageTests : ComponentTestBase
{
    private ProjectService Projects => Service<ProjectService>();

    [Fact]
    public void AMissingProjectSaysSo()
    {
        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, "prj_missing"));

        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("[data-testid=project-not-found]").TextContent));
    }

    [Fact]
    public async Task GoingFromAMissingProjectToAnExistingOneShowsItWithoutTheNotFoundAlert()
    {
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", "Takes the money."));
        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, "prj_missing"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-not-found]"));

        cut.Render(p => p.Add(x => x.Id, project.Id));

        cut.WaitForAssertion(() => Assert.Equal("Payments", cut.Find("h1").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=project-not-found]"));
    }

    [Fact]
    public async Task APageViewReadsOnceThePrerendersStateCarriesIntoTheLiveCircuit()
    {
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", ""));
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<ProjectDetailPage>(c => Assert.Equal("Payments", c.Find("h1").TextContent),
            p => p.Add(x => x.Id, project.Id));

        cut.WaitForAssertion(() => Assert.Contains("created project", cut.Markup));
        Assert.Equal((1, 1), (Store.ReadsOf(ProjectService.Table), Store.ReadsOf(ActivityLog.Table)));
    }

    [Fact]
    public async Task StatePrerenderedForOneUserIsNeverShownToAnother()
    {
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Ana's secret", ""));

        // The page's HTML, with Ana's persisted state in it, replayed in Bo's circuit.
        var cut = await RenderPrerenderedThenLiveAsync<ProjectDetailPage>(c => Assert.Equal("Ana's secret", c.Find("h1").TextContent),
            p => p.Add(x => x.Id, project.Id), liveUser: new Actor("bo", "Bo"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=project-not-found]"));
        Assert.DoesNotContain("Ana's secret", cut.Markup);
    }

    [Fact]
    public async Task TimesAreShownInTheBrowsersTimeZone()
    {
        JSInterop.SetupModule("./Components/Shared/LocalTime.razor.js").Setup<string?>("timeZone").SetResult("Asia/Tokyo");
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", ""));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, project.Id));

        var expected = TimeZoneInfo.ConvertTime(project.CreatedAt, tokyo).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-testid=project-created]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnEditElsewhereShowsLiveAndItsHistoryEntryIsAddedWithoutReadingTheHistoryAgain()
    {
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", ""));
        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, project.Id));
        cut.WaitForAssertion(() => Assert.Equal("Payments", cut.Find("h1").TextContent));
        Store.ResetCounts();

        await Projects.UpdateAsync(new Actor(Ana.UserId, "Ana elsewhere"), project.Id, new ProjectInput("Payments v2", ""), project.Version);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Payments v2", cut.Find("h1").TextContent);
            Assert.Contains("Ana elsewhere updated project Payments v2", cut.Markup.Replace("<b>", "").Replace("</b>", ""));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(0, Store.ReadsOf(ActivityLog.Table));
    }

    [Fact]
    public async Task ADeleteElsewhereShowsThatTheProjectIsGone()
    {
        var project = await Projects.CreateAsync(Ana, AnaTeamId, new ProjectInput("Payments", ""));
        var cut = Render<ProjectDetailPage>(p => p.Add(x => x.Id, project.Id));
        cut.WaitForAssertion(() => Assert.Equal("Payments", cut.Find("h1").TextContent));

        await Projects.DeleteAsync(Ana, project.Id, project.Version);

        cut.WaitForAssertion(() => cut.Find("[data-testid=project-not-found]"), TimeSpan.FromSeconds(10));
    }
}
