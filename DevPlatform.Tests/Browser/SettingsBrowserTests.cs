using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>Settings in a real browser: a new name and picture reach the app bar at once, without a reload.</summary>
[Collection(BrowserAppCollection.Name)]
public sealed class SettingsBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;
    private readonly ConsoleErrors _console = new();

    [Fact]
    public async Task ANewNameAndPictureShowInTheAppBarWithoutAReloadAndThePictureCanBeRemoved()
    {
        var userId = "sam-" + Guid.NewGuid().ToString("N")[..6];
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, userId, "Sam Sato", consoleErrors: _console);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByTestId("picture-initials")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("settings-new-user"), FullPage = true });
        var markBeforeChanges = await page.EvaluateAsync<double>("() => { window.__noReload = Math.random(); return window.__noReload; }");

        await page.Locator("input[data-testid=display-name]").FillAsync("Sam S.");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByTestId("user-menu-name")).ToHaveTextAsync("Sam S.");

        var file = Path.Combine(Path.GetTempPath(), $"avatar-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, TestFiles.RealPng(128));
        await page.Locator("[data-testid=picture-section] input[type=file]").SetInputFilesAsync(file);
        await Expect(page.GetByText("Your new picture is in place.")).ToBeVisibleAsync();
        var avatar = page.GetByTestId("user-menu-picture");
        await Expect(avatar).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"^/pictures/{userId}/"));
        await Expect(avatar).ToHaveJSPropertyAsync("naturalWidth", 128);
        Assert.Equal(markBeforeChanges, await page.EvaluateAsync<double>("() => window.__noReload"));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("settings-with-picture"), FullPage = true });

        await page.GetByTestId("delete-picture").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("picture-initials")).ToBeVisibleAsync();
        await Expect(avatar).ToHaveCountAsync(0);
        File.Delete(file);
        _console.AssertNone();
    }
}
