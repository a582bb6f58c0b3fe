using System.Security.Claims;
using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Signing out of a session made by OpenID Connect also signs out at the provider, so the next visit asks for a password
/// again instead of signing straight back in: RP-initiated logout with the ID token as id_token_hint and a return to
/// <see cref="SignedOutPath"/> (through the handler's /signout-callback-oidc, which checks the state it sent), or Amazon
/// Cognito's own /logout. Where the provider has no sign-out endpoint or cannot be reached, only the app's session ends.
/// </summary>
public static class OidcSignOut
{
    /// <summary>Where a browser lands after signing out: the sign-in page, saying so.</summary>
    public const string SignedOutPath = "/account/signed-out";

    /// <summary>Carries the ID token from the sign-out endpoint to the handler (parameters are never serialized into the state).</summary>
    private const string IdTokenParameter = "devplatform:id_token";

    /// <summary>
    /// The properties for the OpenID Connect sign-out when this session should also end at the provider, else null. Call it
    /// before the session ends: the ID token is read from the session's cookie.
    /// </summary>
    public static async Task<AuthenticationProperties?> PrepareAsync(HttpContext context)
    {
        var oidc = context.RequestServices.GetRequiredService<OidcOptions>();
        if (!oidc.IsConfigured || oidc.ProviderSignOut == ProviderSignOut.Off
            || context.User.FindFirstValue(ActorClaims.Method) != SignInMethods.OpenIdConnect
            || !await HasEndpointAsync(context, oidc)) return null;
        var cookie = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { RedirectUri = SignedOutPath };
        properties.SetParameter(IdTokenParameter, cookie.Properties?.GetTokenValue(OpenIdConnectParameterNames.IdToken));
        return properties;
    }

    /// <summary>The handler's redirect to the provider: adds the ID token, and speaks Cognito's dialect where configured.</summary>
    internal static Task RedirectAsync(RedirectContext context, OidcOptions oidc)
    {
        if (context.Properties.GetParameter<string>(IdTokenParameter) is { Length: > 0 } idToken) context.ProtocolMessage.IdTokenHint = idToken;
        if (!string.IsNullOrWhiteSpace(oidc.EndSessionEndpoint)) context.ProtocolMessage.IssuerAddress = oidc.EndSessionEndpoint;
        if (oidc.ProviderSignOut != ProviderSignOut.Cognito) return Task.CompletedTask;
        // Cognito's /logout takes client_id and logout_uri (one of the app client's "Allowed sign-out URLs") and returns no
        // state, so it sends the browser straight to the signed-out page.
        var request = context.Request;
        var landing = $"{request.Scheme}://{request.Host}{request.PathBase}{SignedOutPath}";
        context.Response.Redirect(QueryHelpers.AddQueryString(oidc.EndSessionEndpoint!,
            new Dictionary<string, string?> { ["client_id"] = oidc.ClientId, ["logout_uri"] = landing }));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static async Task<bool> HasEndpointAsync(HttpContext context, OidcOptions oidc)
    {
        if (!string.IsNullOrWhiteSpace(oidc.EndSessionEndpoint)) return true;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignOut));
        try
        {
            var manager = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>()
                .Get(OpenIdConnectDefaults.AuthenticationScheme).ConfigurationManager!;
            if (!string.IsNullOrEmpty((await manager.GetConfigurationAsync(context.RequestAborted)).EndSessionEndpoint)) return true;
            logger.LogWarning("The OpenID Connect provider at {Authority} has no end_session_endpoint: signed out of the app only " +
                "(set Authentication:Oidc:EndSessionEndpoint, or ProviderSignOut=Off to silence this)", oidc.Authority);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning(e, "The OpenID Connect provider at {Authority} cannot be reached: signed out of the app only", oidc.Authority);
        }
        return false;
    }
}
