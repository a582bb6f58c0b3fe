using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Checks each cookie against its server-side session on every request, with a short cache so a page view does not
/// cost a read per request: a signed-out or revoked session stops working here at once and on other instances within
/// <see cref="CacheFor"/>. A session made by the development sign-in is refused wherever that sign-in is off.
/// </summary>
public sealed class SessionValidation(SessionStore sessions, DevelopmentSignIn development, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(ActorClaims.SessionId)?.Value;
        var method = principal?.FindFirst(ActorClaims.Method)?.Value;
        var valid = sessionId is not null
            && (method != SignInMethods.Development || development.IsEnabled)
            && await IsLiveAsync(sessionId, context.HttpContext.RequestAborted);
        if (valid) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Forgets the session here at once (the store is the truth; other instances forget it when their cache expires).</summary>
    public void Forget(string sessionId) => cache.Remove(CacheKey(sessionId));

    private async Task<bool> IsLiveAsync(string sessionId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(sessionId), out bool live)) return live;
        live = await sessions.FindAsync(sessionId, ct) is not null;
        cache.Set(CacheKey(sessionId), live, CacheFor);
        return live;
    }

    private static string CacheKey(string sessionId) => "session:" + sessionId;
}
