using System.Net;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>Session cookies nobody can forge or keep using after sign-out, and redirects that never leave the site.</summary>
public sealed class SessionSecurityTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _dev = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dev.DisposeAsync();

    [Fact]
    public async Task ADevelopmentSessionIsRefusedByAProductionInstanceOnTheSameData()
    {
        var signIn = await DevSignInClient.SignInAsync(DevSignInClient.Create(_dev), "mallory");
        var cookie = DevSignInClient.SessionCookie(signIn);
        Assert.Equal(HttpStatusCode.OK, await DevSignInClient.GetWithCookieAsync(_dev, "/api/projects", cookie));

        await using var production = new DevPlatformFactory(new Dictionary<string, string>
        {
            ["Storage:Local:DataPath"] = _dev.DataPath,
            ["Authentication:Oidc:Authority"] = "https://login.example.test",
            ["Authentication:Oidc:ClientId"] = "devplatform",
        }, environment: "Production", ownsData: false);

        Assert.Equal(HttpStatusCode.Unauthorized, await DevSignInClient.GetWithCookieAsync(production, "/api/projects", cookie));
    }

    [Fact]
    public async Task ACopiedCookieStopsWorkingAfterSignOut()
    {
        var client = DevSignInClient.Create(_dev);
        var cookie = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(client, "ana"));

        var signOut = await DevSignInClient.SignOutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await DevSignInClient.GetWithCookieAsync(_dev, "/api/projects", cookie));
    }

    [Fact]
    public async Task SignOutEverywhereEndsTheUsersOtherSessions()
    {
        var laptop = DevSignInClient.Create(_dev);
        var phoneCookie = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(DevSignInClient.Create(_dev), "ana"));
        await DevSignInClient.SignInAsync(laptop, "ana");
        var otherUser = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(DevSignInClient.Create(_dev), "bo"));

        await DevSignInClient.SignOutAsync(laptop, "/account/sign-out-everywhere");

        Assert.Equal(HttpStatusCode.Unauthorized, await DevSignInClient.GetWithCookieAsync(_dev, "/api/projects", phoneCookie));
        Assert.Equal(HttpStatusCode.OK, await DevSignInClient.GetWithCookieAsync(_dev, "/api/projects", otherUser));
    }

    [Fact]
    public async Task ASignOutWithoutTheFormsTokenIsRefusedAndTheSessionLives()
    {
        var client = DevSignInClient.Create(_dev);
        var cookie = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(client, "ana"));

        var forged = await DevSignInClient.SignOutAsync(client, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await DevSignInClient.GetWithCookieAsync(_dev, "/api/projects", cookie));
    }

    [Theory]
    [InlineData("/projects", "/projects")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task SignInRedirectsOnlyWithinTheSiteAndNeverEchoesTheHost(string returnUrl, string expected)
    {
        var client = DevSignInClient.Create(_dev);
        await client.GetAsync("/account/sign-in");
        var signIn = await DevSignInClient.SignInAsync(client, "ana", host: "evil.example");
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var withReturn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "dev-sign-in", ["Input.UserId"] = "ana", ["__RequestVerificationToken"] = TokenOf(page),
            }),
        });

        Assert.Equal(expected, withReturn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnAnonymousPageVisitIsRedirectedRelativelyWhateverTheHost()
    {
        using var client = _dev.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out-everywhere");
        request.Headers.Host = "evil.example";

        var answer = await client.SendAsync(request);

        Assert.DoesNotContain("evil.example", answer.Headers.Location?.OriginalString ?? "");
    }

    private static string TokenOf(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
}
