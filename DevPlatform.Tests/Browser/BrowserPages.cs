using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>The steps every browser flow starts with: signing in on the development sign-in page, waiting for the circuit.</summary>
public static class BrowserPages
{
    /// <summary>A new browser context signed in as the user, on the Projects page with its circuit live.</summary>
    /// <param name="consoleErrors">When given, collects the page's console errors from its first request on.</param>
    public static async Task<IPage> SignInAsync(IBrowser browser, Uri baseUrl, string userId, string displayName,
        string? timeZoneId = null, string? screenshot = null, ConsoleErrors? consoleErrors = null)
    {
        var page = await NewPageAsync(browser, baseUrl, timeZoneId, consoleErrors);
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        if (screenshot is not null) await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath(screenshot) });
        await FillSignInAsync(page, userId, displayName);
        await Expect(page).ToHaveURLAsync(new Regex("/projects$"));
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>A page in a new browser context (its own cookies) that may use the clipboard; nobody is signed in.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri baseUrl, string? timeZoneId = null, ConsoleErrors? consoleErrors = null)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1366, Height = 800 }, TimezoneId = timeZoneId,
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await context.NewPageAsync();
        consoleErrors?.Watch(page);
        return page;
    }

    /// <summary>Fills in and sends the development sign-in form the page shows.</summary>
    public static async Task FillSignInAsync(IPage page, string userId, string displayName)
    {
        await page.Locator("#user-id").FillAsync(userId);
        await page.Locator("#display-name").FillAsync(displayName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Until the layout says its circuit is live, clicks are not handled.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    /// <summary>
    /// Holds the page's uploads to <paramref name="bytesPerSecond"/> (Chromium's network emulation), so that a test sees
    /// an upload's progress part-way: on loopback an 8 MB file is otherwise gone before the bar can be looked at.
    /// </summary>
    public static async Task ThrottleUploadsAsync(IPage page, int bytesPerSecond)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = bytesPerSecond,
        });
    }

    /// <summary>The upload control's progress text once it shows a percentage strictly between 0 and 100.</summary>
    public static Task ExpectUploadPartWayAsync(IPage page) =>
        Expect(page.Locator(".file-upload-progress-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\((?:[1-9]|[1-9][0-9])%\)"),
            new() { Timeout = 30_000 });
}
