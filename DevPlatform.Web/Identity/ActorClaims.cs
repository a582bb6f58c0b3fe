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
    /// <summary>The provider's picture of the user (an absolute http(s) URL); the email is <see cref="ClaimTypes.Email"/>.</summary>
    public const string Picture = "devplatform:picture";
    public const int UserIdMaxLength = 64;
    public const int DisplayNameMaxLength = 80;
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int EmailMaxLength = 254;
    /// <summary>Provider picture URLs are short (Google's, Gravatar's, an S3 key); a longer one is dropped rather than stored.</summary>
    public const int PictureUrlMaxLength = 2048;

    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id)) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? id;
        return new Actor(id, name) { Email = principal.FindFirstValue(ClaimTypes.Email), PictureUrl = principal.FindFirstValue(Picture) };
    }

    public static ClaimsPrincipal ToPrincipal(Actor actor, string authenticationType, UserSession? session = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, actor.UserId), new(ClaimTypes.Name, actor.DisplayName) };
        if (actor.Email is not null) claims.Add(new Claim(ClaimTypes.Email, actor.Email));
        if (actor.PictureUrl is not null) claims.Add(new Claim(Picture, actor.PictureUrl));
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
        // A path segment of only dots would be read as "this folder" or "up one" in the app's addresses (/pictures/{userId}/…).
        : userId.All(c => c == '.') ? "A user id must contain something other than dots."
        : null;

    public static string? CheckDisplayName(string? name) =>
        TextRules.Normalize(name) is var normalized && normalized.Length > DisplayNameMaxLength ? $"A display name must be at most {DisplayNameMaxLength} characters."
        : TextRules.HasHiddenCharacters(normalized) ? "A display name must not contain control, invisible or direction-changing characters."
        : null;

    /// <summary>The address when it looks like one (one @, something either side, no spaces or hidden characters, at most 254 characters), else null.</summary>
    public static string? UsableEmail(string? email) =>
        TextRules.Normalize(email) is { Length: > 2 and <= EmailMaxLength } normalized
            && normalized.IndexOf('@') is var at && at > 0 && at == normalized.LastIndexOf('@') && at < normalized.Length - 1
            && !normalized.Any(char.IsWhiteSpace) && !TextRules.HasHiddenCharacters(normalized)
            ? normalized : null;

    /// <summary>
    /// The URL when it is an absolute http or https URL of at most <see cref="PictureUrlMaxLength"/> characters, else null:
    /// a javascript:, data: or relative "picture" never reaches a page.
    /// </summary>
    public static string? UsablePictureUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > PictureUrlMaxLength || url.Any(char.IsWhiteSpace) || TextRules.HasHiddenCharacters(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
            return null;
        // The escaped form is what a page puts in src; it can be longer than what came in.
        return uri.AbsoluteUri.Length <= PictureUrlMaxLength ? uri.AbsoluteUri : null;
    }

    public static string DisplayNameOr(string? name, string userId) =>
        TextRules.Normalize(name) is { Length: > 0 } normalized ? normalized : userId;
}
