using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DevPlatform.Web.Api;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        // A form POST with an antiforgery token (the user menu's), so another site cannot sign a user out.
        routes.MapPost("/account/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("~/account/sign-in");
        });
        routes.MapGet("/account/challenge", (string? returnUrl, Identity.OidcOptions oidc) =>
            oidc.IsConfigured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" },
                    [Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme])
                : Results.LocalRedirect("~/account/sign-in")).AllowAnonymous();
        return routes;
    }

    private static bool IsLocal(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//");
}
