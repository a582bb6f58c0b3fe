using System.Security.Claims;
using DevPlatform.Core.Identity;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Api;

/// <summary>Who is calling an endpoint, and the team a call works in when it names none (the caller's personal team).</summary>
public sealed class ApiCaller
{
    public Actor Actor(ClaimsPrincipal user) =>
        ActorClaims.FromPrincipal(user) ?? throw new InvalidOperationException("The endpoint requires authorization but has no user.");

    /// <summary>Derived, not read: authentication has already onboarded the caller, whose personal team has this id.</summary>
    public string DefaultTeamId(Actor actor) => TeamDirectory.PersonalTeamId(actor.UserId);
}
