using System.Net;
using System.Text.RegularExpressions;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Api;

public sealed class SignInOutsideDevelopmentTests
{
    private static readonly Dictionary<string, string> Oidc = new()
    {
        ["Authentication:Oidc:Authority"] = "https://login.example.test",
        ["Authentication:Oidc:ClientId"] = "devplatform",
    };

    [Fact]
    public async Task TheAppRefusesToStartWithoutOpenIdConnectSettings()
    {
        await using var factory = new DevPlatformFactory(environment: "Production");

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Authentication:Oidc:Authority", error.Message);
    }

    [Fact]
    public async Task TheDevelopmentHeaderAndSignInFormAreOff()
    {
        await using var factory = new DevPlatformFactory(Oidc, environment: "Production");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("x-dev-user-id", "intruder");

        var api = await client.GetAsync("/api/projects");
        var signIn = await client.GetStringAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain("user-id", signIn);
        Assert.Contains("single sign-on", signIn);
    }

    [Fact]
    public async Task AllowingRemoteClientsDoesNotSwitchTheDevelopmentSignInOn()
    {
        await using var factory = new DevPlatformFactory(new Dictionary<string, string>(Oidc) { ["Authentication:Development:AllowRemoteClients"] = "true" },
            environment: "Production");

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientFor("intruder").GetAsync("/api/about")).StatusCode);
        Assert.DoesNotContain("id=\"user-id\"", await factory.CreateClient().GetStringAsync("/account/sign-in"));
    }

    [Fact]
    public async Task ADevelopmentSignInPostedToAProductionInstanceStartsNoSession()
    {
        // The form and its antiforgery token come from a Development instance on the same data (one key ring), so the
        // post passes the antiforgery check and reaches the page: only the sign-in's own rules can refuse it.
        await using var development = new DevPlatformFactory();
        var log = new RecordingLoggerProvider();
        await using var production = new DevPlatformFactory(new Dictionary<string, string>(Oidc)
        {
            ["Storage:Local:DataPath"] = development.DataPath, ["Logging:LogLevel:Microsoft.AspNetCore.Antiforgery"] = "Debug",
        }, environment: "Production", ownsData: false, configureServices: s => s.AddSingleton<ILoggerProvider>(log));
        var form = await development.CreateClient().GetAsync("/account/sign-in");
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = WebUtility.HtmlDecode(Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "dev-sign-in", ["Input.UserId"] = "intruder", ["Input.DisplayName"] = "Intruder", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);

        var answer = await production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(post);

        Assert.Contains(log.Entries, e => e.Message.Contains("Antiforgery successfully validated", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("devplatform.session=", StringComparison.Ordinal)));
    }
}
