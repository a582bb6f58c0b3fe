using System.Text.Encodings.Web;
using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Development only: an API caller names itself with the x-dev-user-id header (and optionally x-dev-user-name),
/// as the seed contract's curl commands do. The user is onboarded on first sight, like a browser sign-in.
/// </summary>
public sealed class DevHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserOnboarding onboarding)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevHeader";
    public const string UserIdHeader = "x-dev-user-id";
    public const string UserNameHeader = "x-dev-user-name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserIdHeader, out var values)) return AuthenticateResult.NoResult();
        var userId = values.ToString().Trim();
        if (ActorClaims.CheckUserId(userId) is { } problem) return AuthenticateResult.Fail(problem);
        var name = Request.Headers[UserNameHeader].ToString().Trim();
        var actor = new Actor(userId, string.IsNullOrEmpty(name) ? userId : name);
        await onboarding.EnsureAsync(actor, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ToPrincipal(actor, SchemeName), SchemeName));
    }
}
