using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// Screens whose state is arranged through the app's own services (in this process, on Kestrel) rather than clicked
/// together: an expired invitation (made in the past on a moved clock) and the Team page as an Admin, whose reasons
/// for disabled controls show on hover. Screenshots land in TestResults/screenshots; no console errors allowed.
/// </summary>
public sealed class InvitationStatesBrowserTests : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private static readonly Actor Bo = new("bo", "Bo Berg");
    private readonly ShiftableTime _clock = new();
    private readonly BrowserSession _browser = new();
    private readonly ConsoleErrors _console = new();
    private DevPlatformFactory _factory = null!;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        _factory = new DevPlatformFactory(configureServices: s => s.AddSingleton<TimeProvider>(_clock));
        _baseUrl = _factory.StartOnKestrel();
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    [Fact]
    public async Task AnExpiredLinkShowsAFriendlyPageSignedOutAndSignedIn()
    {
        var team = await Service<TeamService>().CreateAsync(Ana, "Platform");
        _clock.Offset = -TimeSpan.FromDays(8);
        var issued = await Service<InvitationService>().InviteAsync(Ana, team.Id, "bo@example.com", TeamRole.Developer, TeamTestData.AppBase);
        _clock.Offset = TimeSpan.Zero;
        var page = await BrowserPages.NewPageAsync(_browser.Browser, _baseUrl, consoleErrors: _console);

        await page.GotoAsync($"/invitations/{issued.Token}");

        await Expect(page.GetByTestId("invitation-title")).ToHaveTextAsync("Invitation expired");
        await Expect(page.GetByTestId("invitation-unusable")).ToHaveTextAsync(InvitationService.Unusable(InvitationState.Expired));
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("invitation-expired-signed-out") });

        var signedIn = await BrowserPages.SignInAsync(_browser.Browser, _baseUrl, Bo.UserId, Bo.DisplayName, consoleErrors: _console);
        await signedIn.GotoAsync($"/invitations/{issued.Token}");
        await BrowserPages.WaitForInteractiveAsync(signedIn);
        await Expect(signedIn.GetByTestId("invitation-title")).ToHaveTextAsync("Invitation expired");
        await signedIn.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("invitation-expired") });
        _console.AssertNone();
    }

    [Fact]
    public async Task AnAdminSeesWhyTheOwnersControlsAreDisabled()
    {
        var team = await Service<TeamService>().CreateAsync(Ana, "Platform");
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), team.Id, Ana, Bo, TeamRole.Admin);
        await TeamTestData.AddMemberAsync(Service<InvitationService>(), team.Id, Ana, new Actor("cy", "Cy Chen"), TeamRole.Developer);
        await Service<InvitationService>().InviteAsync(Ana, team.Id, "new.owner@example.com", TeamRole.Owner, TeamTestData.AppBase);
        await Service<InvitationService>().InviteAsync(Bo, team.Id, "di@example.com", TeamRole.Viewer, TeamTestData.AppBase);
        await Service<TeamService>().SelectAsync(Bo, team.Id);
        var page = await BrowserPages.SignInAsync(_browser.Browser, _baseUrl, Bo.UserId, Bo.DisplayName, consoleErrors: _console);

        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Expect(page.GetByTestId("team-title")).ToHaveTextAsync("Platform");
        var anaRow = page.GetByTestId("members-table").Locator("tr", new() { Has = page.Locator("[data-user-id=ana]") });
        await anaRow.Locator(".disabled-reason").First.HoverAsync();

        var tooltip = page.Locator(".mud-popover-open", new() { HasText = "Only an Owner can change or remove another Owner." });
        await Expect(tooltip).ToHaveCSSAsync("opacity", "1");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-page-admin"), FullPage = true });

        // A new API token, on the Settings page: its secret once, with the warning; afterwards only its hint.
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByTestId("new-token").ClickAsync();
        await page.Locator("input[data-testid=token-name]").FillAsync("CI deploys");
        await page.GetByText("Read and write: does what your roles allow").ClickAsync();
        await page.GetByTestId("token-create").ClickAsync();
        var secret = page.Locator("input[data-testid=token-secret]");
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^dp_"));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("api-token-created") });
        var value = await secret.InputValueAsync();
        await page.GetByTestId("token-done").ClickAsync();
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync("CI deploys");
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync("read and write");
        Assert.DoesNotContain(value, await page.ContentAsync());
        _console.AssertNone();
    }
}
