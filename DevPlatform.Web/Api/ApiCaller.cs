using System.Security.Claims;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Api;

/// <summary>Who is calling an endpoint, and the team a call works in when it names none (the one chosen in the team switcher).</summary>
public sealed class ApiCaller(TeamService teams)
{
    /// <summary>The caller; read-only when they call with a read-only API token.</summary>
    public Actor Actor(ClaimsPrincipal user) =>
        (ActorClaims.FromPrincipal(user) ?? throw new InvalidOperationException("The endpoint requires authorization but has no user."))
        with { ReadOnly = user.HasClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiTokenAuthenticationHandler.ReadOnly) };

    /// <summary><paramref name="requested"/> when given, else the caller's current team (their personal team until they choose another).</summary>
    public async Task<string> TeamIdAsync(Actor actor, string? requested, CancellationToken ct) =>
        requested ?? await teams.CurrentTeamIdAsync(actor, ct);
}
