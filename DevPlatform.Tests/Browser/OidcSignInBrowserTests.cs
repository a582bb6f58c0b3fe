using System.Text.RegularExpressions;
using DevPlatform.Core.Identity;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// OpenID Connect sign-in in a real browser, through a real provider's own login form (tools/oidc-provider on loopback),
/// against the app on Kestrel: the person lands in the app as the provider's user, and signing out ends the session at
/// the provider too, so the next visit asks for a login again.
/// </summary>
[Collection(OidcProviderCollection.Name)]
public sealed class OidcSignInBrowserTests(OidcProvider provider) : IAsyncLifetime
{
    private const string Login = "olivia";
    private readonly BrowserSession _browser = new();
    private DevPlatformFactory _factory = null!;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        _factory = new DevPlatformFactory(provider.AppSettings());
        _baseUrl = _factory.StartOnKestrel();
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SignsInThroughTheProvidersLoginFormAndSignsOutThereToo()
    {
        var context = await _browser.Browser.NewContextAsync(new() { BaseURL = _baseUrl.ToString(), ViewportSize = new() { Width = 1366, Height = 800 } });
        // The provider's pages ask for a web font; nothing leaves this machine.
        await context.RouteAsync(url => !IsLoopback(url), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        var providerLogin = new Regex("^" + Regex.Escape(provider.Url.ToString()) + "interaction/");

        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(providerLogin);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("oidc-provider-login") });
        await page.Locator("input[name=login]").FillAsync(Login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/projects$"));
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync(OidcProvider.NameOf(Login));
        var profile = await _factory.Services.GetRequiredService<TeamDirectory>().GetProfileAsync(Login);
        Assert.Equal((OidcProvider.NameOf(Login), OidcProvider.EmailOf(Login), OidcProvider.PictureOf(Login)),
            (profile?.DisplayName, profile?.Email, profile?.PictureUrl));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("oidc-signed-in"), FullPage = true });

        var endSession = page.WaitForRequestAsync(request => request.Url.StartsWith(provider.Url + "session/end?", StringComparison.Ordinal));
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        var endSessionQuery = QueryHelpers.ParseQuery(new Uri((await endSession).Url).Query);
        Assert.False(string.IsNullOrEmpty(endSessionQuery["id_token_hint"]));
        // oidc-provider asks to confirm every sign-out (Keycloak and Cognito do not when the request is well-formed).
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/signed-out$"));
        await Expect(page.GetByTestId("signed-out")).ToHaveTextAsync("You are signed out.");
        Assert.Equal(401, (await context.APIRequest.GetAsync("/api/projects")).Status);
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(providerLogin);
        await Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
    }

    private static bool IsLoopback(string url) => new Uri(url).Host is "127.0.0.1" or "localhost";
}
