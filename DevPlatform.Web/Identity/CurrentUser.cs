using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace DevPlatform.Web.Identity;

/// <summary>The signed-in user of one circuit, and the team their screens work in (their personal team for now).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, TeamDirectory directory)
{
    private UserProfile? _profile;

    public async Task<Actor> GetActorAsync() =>
        await TryGetActorAsync() ?? throw new InvalidOperationException("No user is signed in.");

    /// <summary>Null on pages anyone may see (the 404 page) when nobody is signed in.</summary>
    public async Task<Actor?> TryGetActorAsync() =>
        ActorClaims.FromPrincipal((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<UserProfile> GetProfileAsync(CancellationToken ct = default)
    {
        if (_profile is not null) return _profile;
        // One read when the profile exists (the usual case), onboarding otherwise.
        _profile = await directory.EnsureUserAsync(await GetActorAsync(), ct);
        return _profile;
    }

    public async Task<string> GetTeamIdAsync(CancellationToken ct = default) => (await GetProfileAsync(ct)).PersonalTeamId;

    public async Task SetDarkModeAsync(bool darkMode, CancellationToken ct = default)
    {
        await directory.SetDarkModeAsync(await GetActorAsync(), darkMode, ct);
        _profile = (await GetProfileAsync(ct)) with { DarkMode = darkMode };
    }
}
