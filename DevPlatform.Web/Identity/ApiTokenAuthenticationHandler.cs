using System.Security.Claims;
using System.Text.Encodings.Web;
using DevPlatform.Core.Tokens;
using DevPlatform.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Identity;

/// <summary>
/// "Authorization: Bearer dp_…" on /api: a personal API token acts as its owner, with their roles, capped by its scope
/// (a read-only token makes a read-only actor, which AccessControl refuses any change). A bad, expired or revoked token
/// is answered 401 with the reason, whatever else the request carries.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ReadOnly = "read-only";
    private const string BearerPrefix = "Bearer ";
    private const string FailureKey = "devplatform:token-failure";
    /// <summary>On a token caller's principal: the token's id.</summary>
    public const string TokenIdClaim = "devplatform:token";
    /// <summary>On a token caller's principal: read-only or read-write.</summary>
    public const string ScopeClaim = "devplatform:token-scope";

    /// <summary>True when the request authenticates with a bearer token (then no other scheme is consulted).</summary>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var (actor, tokenId, rejection) = await tokens.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (actor is null)
        {
            Context.Items[FailureKey] = rejection!.Reason;
            return AuthenticateResult.Fail(rejection.Reason);
        }
        var principal = ActorClaims.ToPrincipal(actor, SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(TokenIdClaim, tokenId), new Claim(ScopeClaim, actor.ReadOnly ? ReadOnly : "read-write")]);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureKey] as string;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = reason is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'")}\"";
        return ApiProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, reason ?? "Sign in first.");
    }
}
