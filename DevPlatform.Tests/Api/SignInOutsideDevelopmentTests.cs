using System.Net;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api;

public sealed class SignInOutsideDevelopmentTests
{
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
        await using var factory = new DevPlatformFactory(new Dictionary<string, string>
        {
            ["Authentication:Oidc:Authority"] = "https://login.example.test",
            ["Authentication:Oidc:ClientId"] = "devplatform",
        }, environment: "Production");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("x-dev-user-id", "intruder");

        var api = await client.GetAsync("/api/projects");
        var signIn = await client.GetStringAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain("user-id", signIn);
        Assert.Contains("single sign-on", signIn);
    }
}
