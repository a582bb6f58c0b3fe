using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;

namespace DevPlatform.Web.Identity;

/// <summary>Turns the signed-in principal into the <see cref="Actor"/> that Core's services take, and back.</summary>
public static class ActorClaims
{
    /// <summary>The server-side session a cookie belongs to (<see cref="SessionStore"/>).</summary>
    public const string SessionId = "devplatform:sid";
    /// <summary>How the session was made (<see cref="SignInMethods"/>): a development session is refused where that sign-in is off.</summary>
    public const string Method = "devplatform:signin";
    public const int UserIdMaxLength = 64;
    public const int DisplayNameMaxLength = 80;

    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(id)) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue("name") ?? id;
        return new Actor(id, name);
    }

    public static ClaimsPrincipal ToPrincipal(Actor actor, string authenticationType, UserSession? session = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, actor.UserId), new(ClaimTypes.Name, actor.DisplayName) };
        if (session is not null) claims.AddRange([new Claim(SessionId, session.Id), new Claim(Method, session.Method)]);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The same rules for a user id whatever the sign-in: 1–64 ASCII letters, digits and . _ @ + - | : (what identity
    /// providers use for subjects), so no invisible, look-alike or direction-changing character can make two ids look alike.
    /// </summary>
    public static string? CheckUserId(string? userId) =>
        string.IsNullOrEmpty(userId) ? "A user id is required."
        : userId.Length > UserIdMaxLength ? $"A user id must be at most {UserIdMaxLength} characters."
        : !userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '+' or '-' or '|' or ':')
            ? "A user id may contain only letters a–z and A–Z, digits and . _ @ + - | :"
        : null;

    public static string? CheckDisplayName(string? name) =>
        TextRules.Normalize(name) is var normalized && normalized.Length > DisplayNameMaxLength ? $"A display name must be at most {DisplayNameMaxLength} characters."
        : TextRules.HasHiddenCharacters(normalized) ? "A display name must not contain control, invisible or direction-changing characters."
        : null;

    public static string DisplayNameOr(string? name, string userId) =>
        TextRules.Normalize(name) is { Length: > 0 } normalized ? normalized : userId;
}
