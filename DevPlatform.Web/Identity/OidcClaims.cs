using System.Security.Claims;
using DevPlatform.Core.Identity;

namespace DevPlatform.Web.Identity;

/// <summary>
/// What the identity provider's ID token says about the user, as this app's <see cref="Actor"/>. The claims keep the
/// provider's own names (the handler's inbound mapping is off): <c>sub</c> is the user id, refused when it breaks
/// <see cref="ActorClaims.CheckUserId"/>; the display name is the first of <c>name</c>, <c>preferred_username</c> and
/// <c>email</c> that <see cref="ActorClaims.CheckDisplayName"/> accepts, else the id; <c>email</c> is kept unless the
/// provider says it is unverified; <c>picture</c> only as an absolute http(s) URL of bounded length. Whatever else is
/// unusable is dropped rather than failing the sign-in.
/// </summary>
public static class OidcClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Picture = "picture";

    /// <returns>Null when the provider's subject cannot be a user id here.</returns>
    public static Actor? ToActor(ClaimsPrincipal provider)
    {
        var userId = provider.FindFirstValue(Subject);
        if (ActorClaims.CheckUserId(userId) is not null) return null;
        var email = ActorClaims.UsableEmail(provider.FindFirstValue(Email));
        // Entra ID sends no email_verified; Cognito and Keycloak send false for an address nobody confirmed.
        if (string.Equals(provider.FindFirstValue(EmailVerified), "false", StringComparison.OrdinalIgnoreCase)) email = null;
        var name = new[] { provider.FindFirstValue(Name), provider.FindFirstValue(PreferredUsername), email }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n) && ActorClaims.CheckDisplayName(n) is null);
        return new Actor(userId!, ActorClaims.DisplayNameOr(name, userId!))
        {
            Email = email,
            PictureUrl = ActorClaims.UsablePictureUrl(provider.FindFirstValue(Picture)),
        };
    }
}
