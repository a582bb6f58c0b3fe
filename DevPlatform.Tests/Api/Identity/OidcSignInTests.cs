using System.Net;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>
/// OpenID Connect at the HTTP level against a real provider on loopback (tools/oidc-provider): PKCE on the authorize
/// request, and where a sign-out sends the browser for each ProviderSignOut setting.
/// </summary>
[Collection(OidcProviderCollection.Name)]
public sealed class OidcSignInTests(OidcProvider provider)
{
    [Fact]
    public async Task WithoutPushedRequestsTheAuthorizeRedirectCarriesAnS256CodeChallengeTheProviderAccepts()
    {
        // Entra ID and Cognito offer no pushed authorization requests: the whole request is in the redirect.
        await using var app = new DevPlatformFactory(provider.AppSettings(), configureServices: services =>
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                o => o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable));

        var challenge = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/projects");

        var authorize = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(new Uri(provider.Url, "/auth"), new Uri(authorize.GetLeftPart(UriPartial.Path)));
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"].ToString());
        Assert.Equal(("code", "openid profile email"), (query["response_type"].ToString(), query["scope"].ToString()));
        // The provider requires PKCE: it answers with its login interaction, not an error.
        var atProvider = await OidcHttpSignIn.ProviderClient().GetAsync(authorize);
        Assert.Contains("/interaction/", atProvider.Headers.Location?.OriginalString ?? await atProvider.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithPushedRequestsTheCodeChallengeIsPushedAndTheRedirectCarriesOnlyItsReference()
    {
        var pushed = new RecordingHandler();
        await using var app = new DevPlatformFactory(provider.AppSettings(), configureServices: services =>
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = pushed));

        var challenge = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/projects");

        var redirect = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", redirect["request_uri"].ToString());
        Assert.False(redirect.ContainsKey("code_challenge"));
        var body = QueryHelpers.ParseQuery(Assert.Single(pushed.FormPostsTo("/request")));
        Assert.Equal("S256", body["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", body["code_challenge"].ToString());
    }

    [Fact]
    public async Task SignOutSendsTheIdTokenToTheProvidersEndSessionAndEndsTheSession()
    {
        await using var app = new DevPlatformFactory(provider.AppSettings(), configureServices: OidcHttpSignIn.AddTokenRoute);
        var client = DevSignInClient.Create(app);
        var signIn = await OidcHttpSignIn.SignInAsync(client, OidcHttpSignIn.ProviderClient(), "hugo");
        Assert.Equal("/projects", signIn.Headers.Location?.OriginalString);

        var signOut = await OidcHttpSignIn.SignOutAsync(client);

        var endSession = signOut.Headers.Location!;
        var query = QueryHelpers.ParseQuery(endSession.Query);
        Assert.Equal(new Uri(provider.Url, "/session/end"), new Uri(endSession.GetLeftPart(UriPartial.Path)));
        Assert.Equal("http://localhost/signout-callback-oidc", query["post_logout_redirect_uri"]);
        Assert.Equal("hugo", SubjectOf(query["id_token_hint"].ToString()));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task CognitoSignOutUsesItsLogoutEndpointWithClientIdAndLogoutUri()
    {
        await using var app = new DevPlatformFactory(new Dictionary<string, string>(provider.AppSettings())
        {
            ["Authentication:Oidc:ProviderSignOut"] = "Cognito",
            ["Authentication:Oidc:EndSessionEndpoint"] = "https://devplatform.auth.eu-west-1.amazoncognito.com/logout",
        }, configureServices: OidcHttpSignIn.AddTokenRoute);
        var client = DevSignInClient.Create(app);
        await OidcHttpSignIn.SignInAsync(client, OidcHttpSignIn.ProviderClient(), "carla");

        var signOut = await OidcHttpSignIn.SignOutAsync(client);

        Assert.Equal("https://devplatform.auth.eu-west-1.amazoncognito.com/logout?client_id=devplatform&logout_uri=http%3A%2F%2Flocalhost%2Faccount%2Fsigned-out",
            signOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task WithProviderSignOutOffOnlyTheAppsSessionEnds()
    {
        await using var app = new DevPlatformFactory(new Dictionary<string, string>(provider.AppSettings()) { ["Authentication:Oidc:ProviderSignOut"] = "Off" },
            configureServices: OidcHttpSignIn.AddTokenRoute);
        var client = DevSignInClient.Create(app);
        await OidcHttpSignIn.SignInAsync(client, OidcHttpSignIn.ProviderClient(), "otto");

        var signOut = await OidcHttpSignIn.SignOutAsync(client);

        Assert.Equal("/account/signed-out", signOut.Headers.Location?.OriginalString);
        Assert.Contains("You are signed out.", await client.GetStringAsync("/account/signed-out"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task ALinkToTheFrontChannelSignOutPathDoesNotSignTheUserOut()
    {
        await using var app = new DevPlatformFactory(provider.AppSettings());
        var client = DevSignInClient.Create(app);
        await OidcHttpSignIn.SignInAsync(client, OidcHttpSignIn.ProviderClient(), "fred");

        await client.GetAsync("/signout-oidc");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task ASubjectThatCannotBeAUserIdIsRefusedWithTheSignInPagesMessage()
    {
        await using var app = new DevPlatformFactory(provider.AppSettings());
        var client = DevSignInClient.Create(app);

        var callback = await OidcHttpSignIn.SignInAsync(client, OidcHttpSignIn.ProviderClient(), "mallory\u202Eevil");

        Assert.Equal("/account/sign-in?error=failed", callback.Headers.Location?.OriginalString);
        Assert.False(callback.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("devplatform.session=", StringComparison.Ordinal)));
    }

    /// <summary>The sub claim of a JWT, read without checking it (the provider signed it; this only looks).</summary>
    private static string? SubjectOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("sub").GetString();
    }

    /// <summary>The OpenID Connect handler's backchannel, with the bodies of its form posts kept.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<(string Path, string Body)> _posts = [];

        public IEnumerable<string> FormPostsTo(string path)
        {
            lock (_posts) return _posts.Where(p => p.Path == path).Select(p => p.Body).ToList();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request is { Method.Method: "POST", Content: { } content, RequestUri: { } uri })
            {
                var body = await content.ReadAsStringAsync(cancellationToken);
                lock (_posts) _posts.Add((uri.AbsolutePath, body));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
