using System.Security.Claims;
using DevPlatform.Core.Identity;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Api;

/// <summary>
/// Sign-out (this session, or every session of the user; a session made by OpenID Connect also signs out at the provider)
/// and the OpenID Connect challenge.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        // Form POSTs from the user menu carrying an antiforgery token, so another site cannot sign a user out.
        routes.MapPost("/account/sign-out", SignOutHereAsync).ExcludeFromDescription();
        routes.MapPost("/account/sign-out-everywhere", SignOutEverywhereAsync).ExcludeFromDescription();
        routes.MapGet("/account/challenge", ChallengeAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static Task<IResult> SignOutHereAsync(HttpContext context, SessionStore sessions, SessionValidation validation) =>
        SignOutAsync(context, sessions, validation, everywhere: false);

    private static Task<IResult> SignOutEverywhereAsync(HttpContext context, SessionStore sessions, SessionValidation validation) =>
        SignOutAsync(context, sessions, validation, everywhere: true);

    private static async Task<IResult> SignOutAsync(HttpContext context, SessionStore sessions, SessionValidation validation, bool everywhere)
    {
        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out must come from a DevPlatform page.",
                detail: "The form's antiforgery token is missing or not valid; use the user menu's Sign out.");
        // Read before the session ends: the ID token the provider's sign-out wants is in this session's cookie.
        var atProvider = await OidcSignOut.PrepareAsync(context);
        var ended = new List<string>();
        if (everywhere && ActorClaims.FromPrincipal(context.User) is { } actor) ended.AddRange(await sessions.EndAllAsync(actor.UserId));
        if (context.User.FindFirstValue(ActorClaims.SessionId) is { } current)
        {
            await sessions.EndAsync(current);
            ended.Add(current);
        }
        foreach (var id in ended) validation.Forget(id);
        if (atProvider is not null)
            return TypedResults.SignOut(atProvider, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        var madeBy = context.User.FindFirstValue(ActorClaims.Method);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(madeBy == SignInMethods.OpenIdConnect ? "~" + OidcSignOut.SignedOutPath : "~/account/sign-in");
    }

    /// <summary>
    /// Starts OpenID Connect sign-in, after checking that the provider answers: if it cannot be reached the person is
    /// sent back to the sign-in page, which says sign-in is unavailable, instead of seeing an error page.
    /// </summary>
    private static async Task<IResult> ChallengeAsync(string? returnUrl, HttpContext context, OidcOptions oidc,
        IOptionsMonitor<OpenIdConnectOptions> options, ILogger<OidcOptions> logger)
    {
        if (!oidc.IsConfigured) return TypedResults.LocalRedirect("~/account/sign-in");
        try
        {
            var configuration = options.Get(OpenIdConnectDefaults.AuthenticationScheme).ConfigurationManager!;
            await configuration.GetConfigurationAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogError(e, "The OpenID Connect provider at {Authority} cannot be reached", oidc.Authority);
            return TypedResults.LocalRedirect("~/account/sign-in?error=unavailable");
        }
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Safe(context, returnUrl) },
            [OpenIdConnectDefaults.AuthenticationScheme]);
    }
}
