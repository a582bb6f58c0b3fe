using System.Net;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>Misconfiguration fails at start; the development sign-in stays on this machine; identity headers are unambiguous.</summary>
public sealed class SignInConfigurationTests
{
    private static readonly Dictionary<string, string> UnreachableOidc = new()
    {
        ["Authentication:Oidc:Authority"] = "https://127.0.0.1:1/", ["Authentication:Oidc:ClientId"] = "devplatform",
    };

    [Fact]
    public async Task AnHttpAuthorityOutsideDevelopmentStopsStartUpNamingTheKey()
    {
        await using var factory = new DevPlatformFactory(new Dictionary<string, string>
        {
            ["Authentication:Oidc:Authority"] = "http://login.example.test", ["Authentication:Oidc:ClientId"] = "devplatform",
        }, environment: "Production");

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Authentication:Oidc:Authority must be an absolute https:// URL", error.Message);
    }

    [Fact]
    public async Task AnUnreachableProviderGivesTheSignInPageSayingSignInIsUnavailable()
    {
        await using var factory = new DevPlatformFactory(UnreachableOidc, environment: "Production");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var challenge = await client.GetAsync("/account/challenge?returnUrl=/projects");
        var health = await client.GetAsync("/health");

        Assert.Equal("/account/sign-in?error=unavailable", challenge.Headers.Location?.OriginalString);
        Assert.Contains("Sign-in is unavailable right now", await client.GetStringAsync(challenge.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ConfiguredOpenIdConnectIsNeverIgnoredInDevelopment()
    {
        await using var factory = new DevPlatformFactory(UnreachableOidc);
        var client = factory.ClientFor("intruder");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
        Assert.DoesNotContain("user-id", await client.GetStringAsync("/account/sign-in"));
    }

    [Fact]
    public async Task TheDevelopmentSignInAnswersOnlyThisMachineUnlessAllowed()
    {
        await using var remote = FromAddress("203.0.113.7");
        await using var allowed = FromAddress("203.0.113.7", new() { ["Authentication:Development:AllowRemoteClients"] = "true" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.ClientFor("ana").GetAsync("/api/projects")).StatusCode);
        Assert.DoesNotContain("id=\"user-id\"", await remote.CreateClient().GetStringAsync("/account/sign-in"));
        Assert.Equal(HttpStatusCode.OK, (await allowed.ClientFor("ana").GetAsync("/api/projects")).StatusCode);
    }

    [Theory]
    [InlineData("x-dev-user-id", "ana\u200B")]
    [InlineData("x-dev-user-id", "\u202Eana")]
    [InlineData("x-dev-user-id", "ana bob")]
    public async Task AnIdentityHeaderWithCharactersAnIdMayNotHaveIs400(string header, string value)
    {
        await using var factory = new DevPlatformFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.TryAddWithoutValidation(header, value);

        var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AmbiguousOrOverlongIdentityHeadersAre400()
    {
        await using var factory = new DevPlatformFactory();
        var client = factory.CreateClient();
        using var twoIds = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        twoIds.Headers.Add("x-dev-user-id", ["alice", "bob"]);
        using var longName = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        longName.Headers.Add("x-dev-user-id", "alice");
        longName.Headers.Add("x-dev-user-name", new string('n', 9000));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(twoIds)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(longName)).StatusCode);
    }

    [Fact]
    public async Task BehindATlsProxyTheSessionCookieIsSecureAndHstsIsSent()
    {
        await using var factory = FromAddress("127.0.0.1", new() { ["ForwardedHeaders:Enabled"] = "true" });
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var signIn = await DevSignInClient.SignInAsync(client, "ana");

        Assert.Contains("secure", DevSignInClient.SessionCookieHeader(signIn), StringComparison.OrdinalIgnoreCase);
        await using var production = FromAddress("127.0.0.1", new(UnreachableOidc) { ["ForwardedHeaders:Enabled"] = "true" }, "Production");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "devplatform.example.com";  // HSTS is never sent to localhost
        Assert.True((await production.CreateClient().SendAsync(request)).Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The app as reached from <paramref name="address"/> (the test server has no network peer of its own).</summary>
    private static DevPlatformFactory FromAddress(string address, Dictionary<string, string>? settings = null, string environment = "Development") =>
        new(settings, environment, configureServices: services => services.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(address))));

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware();
            });
            next(app);
        };
    }
}
