using System.Security.Claims;
using DevPlatform.Core.Identity;

namespace DevPlatform.Web.Identity;

/// <summary>Turns the signed-in principal into the <see cref="Actor"/> that Core's services take.</summary>
public static class ActorClaims
{
    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(id)) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue("name") ?? id;
        return new Actor(id, name);
    }

    public static ClaimsPrincipal ToPrincipal(Actor actor, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, actor.UserId), new Claim(ClaimTypes.Name, actor.DisplayName)],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The same rules for a user id whatever the sign-in: short, printable, no spaces.</summary>
    public static string? CheckUserId(string? userId) =>
        string.IsNullOrWhiteSpace(userId) ? "A user id is required."
        : userId.Length > 64 ? "A user id must be at most 64 characters."
        : userId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "A user id must not contain spaces."
        : null;
}
