using System.Globalization;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Tests.Components;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// Whole page views in a real browser against the app in this process (on Kestrel), with its document store counted:
/// the prerender reads, the live circuit that follows starts from what the prerender put in the page.
/// </summary>
public sealed class PageReadsBrowserTests : IAsyncLifetime
{
    private const string UserId = "rita";
    private readonly DevPlatformFactory _factory = new();
    private readonly BrowserSession _browser = new();
    private WebApplicationFactory<Program> _app = null!;
    private Uri _baseUrl = null!;

    private InstrumentedDocumentStore Store => _app.Services.GetRequiredService<InstrumentedDocumentStore>();

    public async Task InitializeAsync()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new InstrumentedDocumentStore(sp.GetRequiredService<SqliteDocumentStore>()));
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InstrumentedDocumentStore>());
        }));
        _baseUrl = _app.StartOnKestrel();
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task EachPageViewReadsItsDataOnceAndShowsTimesInTheBrowsersZone()
    {
        var page = await BrowserPages.SignInAsync(_browser.Browser, _baseUrl, UserId, "Rita Reader", timeZoneId: "Asia/Tokyo");
        var project = await _app.Services.GetRequiredService<ProjectService>().CreateAsync(new Actor(UserId, "Rita Reader"),
            TeamDirectory.PersonalTeamId(UserId), new ProjectInput("Ledger", "Counts what the others spend."));
        // The open Projects page shows it live; after that nothing else is reading.
        await Expect(page.GetByTestId("projects-table").GetByText("Ledger")).ToBeVisibleAsync();

        await ViewAsync(page, "/", () => Expect(page.GetByTestId("project-count")).ToHaveTextAsync("1"));
        Assert.Equal((1, 1), (Store.ReadsOf(ProjectService.Table), Store.ReadsOf(ActivityLog.Table)));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("home-live"), FullPage = true });

        await ViewAsync(page, "/projects", () => Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ledger" })).ToBeVisibleAsync());
        Assert.Equal(1, Store.ReadsOf(ProjectService.Table));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-live"), FullPage = true });

        await ViewAsync(page, $"/projects/{project.Id}", () => Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ledger" })).ToBeVisibleAsync());
        Assert.Equal((1, 1), (Store.ReadsOf(ProjectService.Table), Store.ReadsOf(ActivityLog.Table)));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var created = TimeZoneInfo.ConvertTime(project.CreatedAt, tokyo).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("project-created")).ToHaveTextAsync(created);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("project-detail-tokyo"), FullPage = true });
    }

    /// <summary>One page view: a full load (prerender, then a new circuit), counted from its first request.</summary>
    private async Task ViewAsync(IPage page, string path, Func<Task> shown)
    {
        Store.ResetCounts();
        await page.GotoAsync(path);
        await BrowserPages.WaitForInteractiveAsync(page);
        await shown();
    }
}
