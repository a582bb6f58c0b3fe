using System.Collections.Concurrent;
using DevPlatform.Core.Identity;

namespace DevPlatform.Web.Identity;

/// <summary>Makes sure a signed-in user has a profile and personal team, once per user per process.</summary>
public sealed class UserOnboarding(TeamDirectory directory)
{
    private readonly ConcurrentDictionary<string, byte> _known = new();

    public async Task EnsureAsync(Actor actor, CancellationToken ct)
    {
        if (_known.ContainsKey(actor.UserId)) return;
        await directory.EnsureUserAsync(actor, ct);
        _known.TryAdd(actor.UserId, 0);
    }

    /// <summary>
    /// An identity provider's sign-in: onboards a new user, and takes the name, email and picture the provider sent now into
    /// the stored profile of a known one (once per sign-in, not per request), so a change made at the provider shows here.
    /// </summary>
    public async Task SignedInAsync(Actor actor, CancellationToken ct)
    {
        await EnsureAsync(actor, ct);
        await directory.RefreshFromSignInAsync(actor, ct);
    }
}
