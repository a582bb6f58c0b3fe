using Bunit;
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
    public async Task CountAndActivityFollowChangesLive()
    {
        var cut = Render<DevPlatform.Web.Components.Pages.Home>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-count]"));

        await Service<ProjectService>().CreateAsync(new Actor(Ana.UserId, "Ana elsewhere"), AnaTeamId, new ProjectInput("Live one", ""));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=project-count]").TextContent);
            Assert.Contains("Ana elsewhere created project Live one", cut.Markup.Replace("<b>", "").Replace("</b>", ""));
        }, TimeSpan.FromSeconds(10));
    }
}
