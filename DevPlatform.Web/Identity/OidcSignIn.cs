using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DevPlatform.Web.Identity;

/// <summary>
/// OpenID Connect sign-in: authorization code with PKCE; a successful sign-in onboards the user, refreshes their profile
/// from the provider's claims and starts a server-side session whose cookie also keeps the ID token for signing out.
/// </summary>
internal static class OidcSignIn
{
    public static void Add(AuthenticationBuilder authentication, OidcOptions oidc) =>
        authentication.AddOpenIdConnect(o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            // OidcOptions.Validate allows plain http only in Development (a local test provider).
            o.RequireHttpsMetadata = oidc.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The handler's default, stated: a code is useless without the verifier this browser's state carries (S256).
            o.UsePkce = true;
            // The code comes back on a top-level GET redirect, so the correlation and nonce cookies can be SameSite=Lax and
            // follow the request's scheme like the session cookie; form_post needs SameSite=None, which browsers take only over https.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
            // Claims keep the provider's names (sub, name, email, picture): OidcClaims reads them, ActorClaims writes ours.
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
            // Only the ID token is kept (OnTokenValidated), not the access token: the app calls no API with it.
            o.SaveTokens = false;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.SignedOutRedirectUri = OidcSignOut.SignedOutPath;
            // No front-channel logout: the handler's /signout-oidc would let any page that links to it end a person's
            // cookie (our principal has no sid/iss for it to check), where sign-out is otherwise an antiforgery-checked post.
            o.RemoteSignOutPath = PathString.Empty;
            o.Events.OnTokenValidated = SignedInAsync;
            o.Events.OnRedirectToIdentityProviderForSignOut = context => OidcSignOut.RedirectAsync(context, oidc);
            // A provider that fails or cannot be reached mid-sign-in: the person gets the sign-in page with a clear message.
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                    .LogWarning(context.Failure, "OpenID Connect sign-in failed");
                context.Response.Redirect("/account/sign-in?error=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    private static async Task SignedInAsync(TokenValidatedContext context)
    {
        if (context.Principal is not { } provider || OidcClaims.ToActor(provider) is not { } actor)
        {
            context.Fail("The identity provider sent a user id this app cannot use.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var ct = context.HttpContext.RequestAborted;
        await services.GetRequiredService<UserOnboarding>().SignedInAsync(actor, ct);
        var session = await services.GetRequiredService<SessionStore>().StartAsync(actor.UserId, SignInMethods.OpenIdConnect, ct);
        context.Principal = ActorClaims.ToPrincipal(actor, OpenIdConnectDefaults.AuthenticationScheme, session);
        // Like the development sign-in: the cookie outlives the browser, and the server-side session decides when it ends.
        context.Properties!.IsPersistent = true;
        // The ID token rides in the (encrypted) cookie for one use: sign-out sends it to the provider as id_token_hint.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { Length: > 0 } idToken)
            context.Properties.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
    }
}
