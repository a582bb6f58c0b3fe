using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Tokens;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>/api/tokens: the caller's personal API tokens. Made and revoked only by a signed-in person, never by a token.</summary>
public static class TokensEndpoints
{
    public static IEndpointRouteBuilder MapTokensEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tokens").RequireAuthorization().WithTags("API tokens");
        group.MapGet("/", ListAsync).WithName("ListApiTokens").WithSummary("The caller's tokens (never their secrets)");
        group.MapPost("/", CreateAsync).WithName("CreateApiToken").WithSummary("Make a token; the answer holds its secret, once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiToken").WithSummary("Revoke a token: it is refused from the next call on")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <param name="ExpiresInDays">1 to 366; 30 when absent.</param>
    public sealed record TokenRequest(string? Name, ApiTokenScope? Scope, int? ExpiresInDays);

    /// <param name="Secret">The token to send as "Authorization: Bearer …". Shown once: only its hash is stored.</param>
    public sealed record IssuedTokenResponse(ApiToken Token, string Secret);

    private static async Task<Ok<IReadOnlyList<ApiToken>>> ListAsync(ClaimsPrincipal user, ApiTokenService tokens, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(caller.Actor(user), ct));

    private static async Task<Created<IssuedTokenResponse>> CreateAsync(TokenRequest request, ClaimsPrincipal user, ApiTokenService tokens, ApiCaller caller,
        CancellationToken ct)
    {
        RequireSignedInPerson(user);
        if (request.Scope is not { } scope) throw new ValidationFailedException("scope", "scope is required: read-only or read-write.");
        var issued = await tokens.CreateAsync(caller.Actor(user), request.Name, scope, request.ExpiresInDays ?? 30, ct);
        return TypedResults.Created($"/api/tokens/{issued.Token.Id}", new IssuedTokenResponse(issued.Token, issued.Secret));
    }

    private static async Task<NoContent> RevokeAsync(string id, ClaimsPrincipal user, ApiTokenService tokens, ApiCaller caller, CancellationToken ct)
    {
        RequireSignedInPerson(user);
        await tokens.RevokeAsync(caller.Actor(user), id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A leaked token must not be able to mint more tokens, or revoke the owner's others.</summary>
    private static void RequireSignedInPerson(ClaimsPrincipal user)
    {
        if (user.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim))
            throw new ForbiddenException("API tokens cannot make or revoke tokens; sign in to manage them.");
    }
}
