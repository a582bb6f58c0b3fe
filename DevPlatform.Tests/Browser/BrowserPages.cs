using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>The steps every browser flow starts with: signing in on the development sign-in page, waiting for the circuit.</summary>
public static class BrowserPages
{
    /// <summary>A new browser context signed in as the user, on the Projects page with its circuit live.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, Uri baseUrl, string userId, string displayName,
        string? timeZoneId = null, string? screenshot = null)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1366, Height = 800 }, TimezoneId = timeZoneId,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        if (screenshot is not null) await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath(screenshot) });
        await page.Locator("#user-id").FillAsync(userId);
        await page.Locator("#display-name").FillAsync(displayName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/projects$"));
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Until the layout says its circuit is live, clicks are not handled.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
}
