using DevPlatform.Web.Identity;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>OpenID Connect settings that cannot work stop start-up with a message naming the key.</summary>
public sealed class OidcOptionsTests
{
    [Fact]
    public void AnHttpEndSessionEndpointOutsideDevelopmentNamesTheKey()
    {
        var options = Configured(o => o.EndSessionEndpoint = "http://login.example.test/logout");

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate(isDevelopment: false));

        Assert.Contains("Authentication:Oidc:EndSessionEndpoint must be an absolute https:// URL", error.Message);
    }

    [Fact]
    public void CognitoSignOutWithoutItsLogoutUrlNamesTheKey()
    {
        var options = Configured(o => o.ProviderSignOut = ProviderSignOut.Cognito);

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate(isDevelopment: false));

        Assert.Contains("Authentication:Oidc:EndSessionEndpoint", error.Message);
    }

    [Fact]
    public void OpenidIsAlwaysAskedForAndScopesAreNotRepeated() =>
        Assert.Equal(["openid", "email", "profile"], Configured(o => o.Scope = " email  profile email ").Scopes);

    private static OidcOptions Configured(Action<OidcOptions> change)
    {
        var options = new OidcOptions { Authority = "https://login.example.test", ClientId = "devplatform" };
        change(options);
        return options;
    }
}
