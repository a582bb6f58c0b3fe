using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// A person's path through Projects in a real browser. Only here is Blazor Server's classic failure caught: a page
/// that renders but does not react because its circuit is not interactive.
/// </summary>
[Collection(BrowserAppCollection.Name)]
public sealed class ProjectsBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;

    [Fact]
    public async Task SignInCreateReloadSeeAnotherSessionsChangeLiveAndDelete()
    {
        var userId = "ana-" + Guid.NewGuid().ToString("N")[..6];
        var name = "Checkout service";
        var first = await SignedInPageAsync(userId, "Ana Lima");
        await Expect(first.GetByTestId("projects-empty")).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-empty"), FullPage = true });

        // The dialog refuses an empty name with a visible message, then creates.
        await first.GetByTestId("new-project").ClickAsync();
        await first.GetByTestId("project-save").ClickAsync();
        await Expect(first.GetByText("Name is required.")).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("project-dialog-validation") });
        await first.Locator("input[data-testid=project-name]").FillAsync(name);
        await first.Locator("textarea[data-testid=project-description]").FillAsync("Takes the money.");
        await first.GetByTestId("project-save").ClickAsync();
        var row = first.GetByTestId("projects-table").Locator("tbody tr", new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();

        // Still there after a reload.
        await first.ReloadAsync();
        await WaitForInteractiveAsync(first);
        await Expect(row).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-light"), FullPage = true });
        await first.SetViewportSizeAsync(390, 844);
        await first.ReloadAsync();
        await WaitForInteractiveAsync(first);
        await Expect(first.GetByTestId("new-project")).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-phone"), FullPage = true });
        await first.SetViewportSizeAsync(1366, 800);
        await first.ReloadAsync();
        await WaitForInteractiveAsync(first);

        // The detail page shows the project and its history.
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(first.GetByText("Takes the money.")).ToBeVisibleAsync();
        await Expect(first.GetByText("created project")).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("project-detail"), FullPage = true });
        await first.GoBackAsync();
        await WaitForInteractiveAsync(first);
        await Expect(row).ToBeVisibleAsync();

        // Another browser context of the same team renames it; the first page shows it without reloading.
        var second = await SignedInPageAsync(userId, "Ana on her laptop");
        await second.GetByRole(AriaRole.Button, new() { Name = $"Edit {name}" }).ClickAsync();
        var nameField = second.Locator("input[data-testid=project-name]");
        await nameField.FillAsync(name + " v2");
        await second.GetByTestId("project-save").ClickAsync();
        await Expect(second.GetByText(name + " v2")).ToBeVisibleAsync();
        var renamed = first.GetByTestId("projects-table").Locator("tbody tr", new() { HasText = name + " v2" });
        await Expect(renamed).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Dark mode switches the theme and is still on after a reload.
        await first.GetByTestId("dark-mode-toggle").ClickAsync();
        await AssertBackgroundAsync(first, "rgba(15,23,42,1)");
        await first.ReloadAsync();
        await WaitForInteractiveAsync(first);
        await AssertBackgroundAsync(first, "rgba(15,23,42,1)");
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-dark"), FullPage = true });
        await first.GetByTestId("dark-mode-toggle").ClickAsync();
        await AssertBackgroundAsync(first, "rgba(246,247,251,1)");

        // Home sums it up.
        await first.GotoAsync("/");
        await WaitForInteractiveAsync(first);
        await Expect(first.GetByTestId("project-count")).ToHaveTextAsync("1");
        await Expect(first.GetByText("created project")).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("home"), FullPage = true });
        await first.GotoAsync("/projects");
        await WaitForInteractiveAsync(first);

        // Delete, confirming in the dialog.
        await renamed.GetByTestId("delete-project").ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(first.GetByTestId("projects-empty")).ToBeVisibleAsync();
        await Expect(renamed).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnUnknownAddressShowsTheNotFoundPage()
    {
        var page = await SignedInPageAsync("visitor", "Visitor");

        await page.GotoAsync(new Uri(_app.BaseUrl, "/no-such-page").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("not-found") });
    }

    [Fact]
    public async Task SigningOutFromTheUserMenuReturnsToSignInAndLocksThePages()
    {
        var page = await SignedInPageAsync("leaver", "Lee Leaver");

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await page.GotoAsync("/projects");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in\\?returnUrl=%2Fprojects", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    private Task<IPage> SignedInPageAsync(string userId, string displayName) =>
        BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, userId, displayName, screenshot: "sign-in");

    /// <summary>MudBlazor's theme writes the palette as CSS variables; the background tells light from dark.</summary>
    private static async Task AssertBackgroundAsync(IPage page, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string actual;
        do
        {
            actual = (await page.EvaluateAsync<string>(
                "getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background')")).Trim().ToLowerInvariant();
            if (actual.StartsWith(expected)) return;
            await page.WaitForTimeoutAsync(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"Expected the background {expected}, found '{actual}'.");
    }

    private static Task WaitForInteractiveAsync(IPage page) => BrowserPages.WaitForInteractiveAsync(page);
}
