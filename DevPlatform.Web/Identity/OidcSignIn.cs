using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace DevPlatform.Web.Identity;

/// <summary>OpenID Connect sign-in: a successful sign-in onboards the user and starts a server-side session.</summary>
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
            o.ResponseType = "code";
            o.SaveTokens = false;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Scope.Add("profile");
            o.Events.OnTokenValidated = async context =>
            {
                if (context.Principal is not { } principal || ActorClaims.FromPrincipal(principal) is not { } actor
                    || ActorClaims.CheckUserId(actor.UserId) is not null)
                {
                    context.Fail("The identity provider sent a user id this app cannot use.");
                    return;
                }
                var services = context.HttpContext.RequestServices;
                actor = actor with { DisplayName = ActorClaims.DisplayNameOr(actor.DisplayName, actor.UserId) };
                await services.GetRequiredService<UserOnboarding>().EnsureAsync(actor, context.HttpContext.RequestAborted);
                var session = await services.GetRequiredService<SessionStore>().StartAsync(actor.UserId, SignInMethods.OpenIdConnect);
                context.Principal = ActorClaims.ToPrincipal(actor, OpenIdConnectDefaults.AuthenticationScheme, session);
            };
            // A provider that fails or cannot be reached mid-sign-in: the person gets the sign-in page with a clear message.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/account/sign-in?error=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
}
