using System.Text.RegularExpressions;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// Teams in a real browser on the built app: an invitation from link to membership and out again, seen live on both
/// sides, and the team switcher. Screenshots of each screen land in TestResults/screenshots; no console errors allowed.
/// </summary>
[Collection(BrowserAppCollection.Name)]
public sealed class TeamBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;
    private readonly ConsoleErrors _console = new();

    [Fact]
    public async Task AnInvitedPersonJoinsThroughTheLinkIsPromotedLiveAndRemovedLive()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ana = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, "ana-" + suffix, "Ana Lima", consoleErrors: _console);
        await ana.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Expect(ana.GetByTestId("team-title")).ToHaveTextAsync("Ana Lima's team");

        // Ana invites Bo by email and copies the link, shown once.
        await ana.GetByTestId("invite").ClickAsync();
        await ana.Locator("input[data-testid=invite-email]").FillAsync("bo@example.com");
        await ana.GetByTestId("invite-send").ClickAsync();
        var linkField = ana.Locator("input[data-testid=invite-link]");
        await Expect(linkField).ToBeVisibleAsync();
        await Expect(ana.GetByTestId("invite-sent")).ToContainTextAsync("No mail channel is configured");
        await ana.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-invite-link") });
        await ana.GetByTestId("invite-link-copy").ClickAsync();
        await Expect(ana.GetByTestId("invite-link-copy")).ToHaveAttributeAsync("data-copied", "true");
        var link = await ana.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Equal(await linkField.InputValueAsync(), link);
        Assert.StartsWith(_app.BaseUrl.ToString().TrimEnd('/') + "/invitations/inv_", link);
        await ana.GetByTestId("invite-done").ClickAsync();
        await Expect(ana.GetByTestId("invitations-table")).ToContainTextAsync("bo@example.com");
        await Expect(ana.GetByText(link)).ToHaveCountAsync(0);

        // Bo, not signed in, opens it in his own browser, signs in from it and comes back to accept.
        var bo = await BrowserPages.NewPageAsync(_browser.Browser, _app.BaseUrl, consoleErrors: _console);
        await bo.GotoAsync(link);
        await Expect(bo.GetByTestId("sign-in-to-accept")).ToBeVisibleAsync();
        await Expect(bo.GetByTestId("invitation-team")).ToHaveTextAsync("Ana Lima's team");
        await BrowserPages.WaitForInteractiveAsync(bo);
        await bo.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("invitation-open-signed-out"), FullPage = true });
        await bo.GetByTestId("sign-in-to-accept").ClickAsync();
        await Expect(bo).ToHaveURLAsync(new Regex("/account/sign-in\\?returnUrl="));
        await BrowserPages.FillSignInAsync(bo, "bo-" + suffix, "Bo Berg");
        await Expect(bo).ToHaveURLAsync(link);
        await BrowserPages.WaitForInteractiveAsync(bo);
        await Expect(bo.GetByTestId("accept-invitation")).ToBeVisibleAsync();
        await bo.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("invitation-open"), FullPage = true });
        await bo.GetByTestId("accept-invitation").ClickAsync();
        await Expect(bo).ToHaveURLAsync(new Regex("/team\\?joined=1$"));
        await BrowserPages.WaitForInteractiveAsync(bo);
        await Expect(bo.GetByTestId("team-joined")).ToContainTextAsync("Welcome to Ana Lima's team! You joined as a Developer.");
        await Expect(bo.GetByTestId("team-switcher")).ToHaveTextAsync("Ana Lima's team");

        // Ana's open page shows Bo without a reload, and the invitation leaves the pending list.
        var boRow = ana.GetByTestId("members-table").Locator("tr", new() { Has = ana.Locator($"[data-user-id=bo-{suffix}]") });
        await Expect(boRow).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(ana.GetByTestId("invitations-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await ana.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-page"), FullPage = true });

        // Ana makes Bo an Admin; Bo's page says so live.
        await boRow.GetByTestId("role-select").ClickAsync();
        await ana.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Admin" }).ClickAsync();
        await Expect(ana.Locator(".mud-snackbar", new() { HasText = "Bo Berg is now an Admin." })).ToBeVisibleAsync();
        await Expect(bo.GetByTestId("my-role")).ToHaveTextAsync("You are an Admin", new() { Timeout = 15_000 });

        // Ana removes Bo, confirming; Bo's page says he is out, and his switcher no longer lists the team.
        await boRow.GetByTestId("remove-member").ClickAsync();
        await ana.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(boRow).ToHaveCountAsync(0);
        await Expect(bo.GetByTestId("no-longer-member")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await bo.GetByTestId("team-switcher").ClickAsync();
        await Expect(bo.GetByTestId("team-option")).ToHaveCountAsync(1);
        await Expect(bo.GetByTestId("team-option")).ToContainTextAsync("Bo Berg's team");

        _console.AssertNone();
    }

    [Fact]
    public async Task TheSwitcherCreatesATeamAndSwitchesEveryPageBetweenTeamsByKeyboard()
    {
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, "cy-" + Guid.NewGuid().ToString("N")[..6], "Cy Chen", consoleErrors: _console);
        await page.GetByTestId("new-project").ClickAsync();
        await page.Locator("input[data-testid=project-name]").FillAsync("Personal thing");
        await page.GetByTestId("project-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Personal thing" })).ToBeVisibleAsync();
        await page.Locator(".mud-snackbar").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        // The switcher opens from the keyboard and lists the teams with the role in each.
        await page.GetByTestId("team-switcher").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("team-option")).ToHaveCountAsync(1);
        await WaitForMenuAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-switcher-open") });
        await page.GetByTestId("create-team").ClickAsync();
        await page.Locator("input[data-testid=team-name]").FillAsync("Data science");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-create-dialog") });
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/team\\?created=1$"));
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("team-title")).ToHaveTextAsync("Data science");
        await Expect(page.GetByTestId("team-switcher")).ToHaveTextAsync("Data science");

        // Every page now works in the new team: its Projects are empty.
        await page.GetByRole(AriaRole.Link, new() { Name = "Projects" }).ClickAsync();
        await Expect(page.GetByTestId("projects-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("projects-in-new-team"), FullPage = true });

        // Back to the personal team, by keyboard: the page reloads in it.
        await page.GetByTestId("team-switcher").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("team-option")).ToHaveCountAsync(2);
        await WaitForMenuAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-switcher-two-teams") });
        var focused = page.Locator("[data-testid=team-option]:focus");
        await Expect(focused).ToContainTextAsync("Cy Chen's team");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(focused).ToContainTextAsync("Data science");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(focused).ToContainTextAsync("Cy Chen's team");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("team-switcher")).ToHaveTextAsync("Cy Chen's team", new() { Timeout = 15_000 });
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Personal thing" })).ToBeVisibleAsync();

        // On a phone the bar keeps the switcher, the page its members.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/team");
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("team-title")).ToHaveTextAsync("Cy Chen's team");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("team-phone"), FullPage = true });

        _console.AssertNone();
    }

    /// <summary>Until the menu has faded in, a screenshot shows it half transparent.</summary>
    private static Task WaitForMenuAsync(IPage page) =>
        Expect(page.Locator(".mud-popover-open").Filter(new() { Has = page.GetByTestId("create-team") })).ToHaveCSSAsync("opacity", "1");
}
