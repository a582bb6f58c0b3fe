using System.Security.Claims;
using DevPlatform.Core.Identity;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Api;

/// <summary>Who is calling an endpoint, and the team a call works in when it names none (the caller's personal team).</summary>
public sealed class ApiCaller(TeamDirectory directory)
{
    public Actor Actor(ClaimsPrincipal user) =>
        ActorClaims.FromPrincipal(user) ?? throw new InvalidOperationException("The endpoint requires authorization but has no user.");

    public async Task<string> DefaultTeamIdAsync(Actor actor, CancellationToken ct) =>
        (await directory.GetProfileAsync(actor.UserId, ct) ?? await directory.EnsureUserAsync(actor, ct)).PersonalTeamId;
}
