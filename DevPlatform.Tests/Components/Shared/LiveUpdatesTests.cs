using Bunit;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Components.Pages.Projects;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Tests.Components.Shared;

/// <summary>Live pages listen to the activity feed only while they are on screen, however their loading goes.</summary>
public sealed class LiveUpdatesTests : ComponentTestBase
{
    private ActivityFeed Feed => Service<ActivityFeed>();

    // The load goes on to its end (its last read is the project counter) with nobody left to show it.
    [Fact]
    public Task AProjectsPageClosedWhileLoadingLeavesNoListener() =>
        AssertClosedWhileLoadingLeavesNoListenerAsync(() => Render<ProjectsPage>(), ProjectService.CountersTable);

    // Its last read is the activity list.
    [Fact]
    public Task HomeClosedWhileLoadingLeavesNoListener() =>
        AssertClosedWhileLoadingLeavesNoListenerAsync(() => Render<DevPlatform.Web.Components.Pages.Home>(), ActivityLog.Table);

    [Fact]
    public async Task AProjectPageClosedWhileLoadingLeavesNoListener()
    {
        var project = await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Held", ""));

        await AssertClosedWhileLoadingLeavesNoListenerAsync(() => Render<ProjectDetailPage>(p => p.Add(x => x.Id, project.Id)), ActivityLog.Table);
    }

    /// <summary>Renders a page, holds its project read, closes it mid-load, lets the load finish its last read of <paramref name="lastTable"/>.</summary>
    private async Task AssertClosedWhileLoadingLeavesNoListenerAsync(Action render, string lastTable)
    {
        var release = Store.HoldReads(ProjectService.Table);
        render();
        await WaitUntilAsync(() => Store.HeldReads == 1);

        await DisposeComponentsAsync();
        release();

        await WaitUntilAsync(() => Store.ReadsOf(lastTable) == 1);
        await Renderer.Dispatcher.InvokeAsync(() => { });
        Assert.Equal(0, Feed.ListenerCount);
    }

    [Fact]
    public async Task APageListensWhileItIsShownAndStopsWhenItCloses()
    {
        var cut = Render<ProjectsPage>();
        cut.WaitForAssertion(() => Assert.Equal(1, Feed.ListenerCount));

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.ListenerCount);
    }

    [Fact]
    public void NothingListensDuringPrerendering()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = Render<LiveUpdates>(p => p.Add(x => x.TeamId, AnaTeamId).Add(x => x.OnActivity, (ActivityRecord _) => { }));

        Assert.Equal(0, Feed.ListenerCount);
        cut.Render(p => p.Add(x => x.TeamId, "another-team"));
        Assert.Equal(0, Feed.ListenerCount);
    }

    [Fact]
    public async Task ANewTeamIdMovesTheSubscription()
    {
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var cut = Render<LiveUpdates>(p => p.Add(x => x.TeamId, "team-old").Add(x => x.OnActivity, (ActivityRecord r) => heard.Enqueue(r.TeamId)));

        cut.Render(p => p.Add(x => x.TeamId, AnaTeamId));
        await Service<ProjectService>().CreateAsync(Ana, AnaTeamId, new ProjectInput("Heard", ""));

        await WaitUntilAsync(() => !heard.IsEmpty);
        Assert.Equal([AnaTeamId], heard);
        Assert.Equal(1, Feed.ListenerCount);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}
