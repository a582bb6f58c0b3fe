using System.Text.Encodings.Web;
using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Development only: an API caller names itself with the x-dev-user-id header (and optionally x-dev-user-name),
/// as the seed contract's curl commands do. The user is onboarded on first sight, like a browser sign-in. The headers'
/// shape was checked by <see cref="DevHeaderRules"/> before authentication.
/// </summary>
public sealed class DevHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserOnboarding onboarding,
    DevelopmentSignIn development)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevHeader";
    public const string UserIdHeader = "x-dev-user-id";
    public const string UserNameHeader = "x-dev-user-name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserIdHeader, out var values)) return AuthenticateResult.NoResult();
        if (!development.Allows(Context))
            return AuthenticateResult.Fail("The development sign-in answers only clients on this machine (see Authentication:Development:AllowRemoteClients).");
        var userId = values.ToString().Trim();
        if (ActorClaims.CheckUserId(userId) is { } problem) return AuthenticateResult.Fail(problem);
        var actor = new Actor(userId, ActorClaims.DisplayNameOr(Request.Headers[UserNameHeader].ToString(), userId));
        await onboarding.EnsureAsync(actor, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ToPrincipal(actor, SchemeName), SchemeName));
    }
}
