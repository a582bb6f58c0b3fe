using DevPlatform.Core.Identity;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Teams;
using Microsoft.AspNetCore.Components.Authorization;

namespace DevPlatform.Web.Identity;

/// <summary>The signed-in user of one circuit, and the team their screens work in (chosen in the team switcher).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, TeamDirectory directory, TeamService teams, AccessControl access)
{
    private UserProfile? _profile;
    private string? _teamId;

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

    /// <summary>The team this circuit's screens work in: read once per circuit, so every screen of a visit agrees.</summary>
    public async Task<string> GetTeamIdAsync(CancellationToken ct = default) =>
        _teamId ??= await teams.CurrentTeamIdAsync(await GetActorAsync(), ct);

    /// <summary>Remembers <paramref name="teamId"/> as the user's team (on every device); pages reload to work in it.</summary>
    public async Task SelectTeamAsync(string teamId, CancellationToken ct = default)
    {
        await teams.SelectAsync(await GetActorAsync(), teamId, ct);
        _teamId = teamId;
    }

    /// <summary>
    /// The caller's membership (and so their role) in the current team, as the access check reads it. Not cached: a role
    /// changed elsewhere shows on the next screen that asks.
    /// </summary>
    /// <exception cref="Core.Common.NotFoundException">The caller is not (or no longer) a member.</exception>
    public async Task<TeamMember> GetMembershipAsync(CancellationToken ct = default) =>
        await GetMembershipAsync(await GetTeamIdAsync(ct), ct);

    /// <summary>The caller's membership in <paramref name="teamId"/>.</summary>
    /// <exception cref="Core.Common.NotFoundException">The caller is not a member.</exception>
    public async Task<TeamMember> GetMembershipAsync(string teamId, CancellationToken ct = default) =>
        await access.RequireAsync(await GetActorAsync(), teamId, TeamPermission.Read, "You are not a member of this team.", ct);

    public async Task SetDarkModeAsync(bool darkMode, CancellationToken ct = default)
    {
        await directory.SetDarkModeAsync(await GetActorAsync(), darkMode, ct);
        _profile = (await GetProfileAsync(ct)) with { DarkMode = darkMode, Theme = darkMode ? ThemeChoice.Dark : ThemeChoice.Light };
    }

    /// <summary>
    /// Raised in this circuit when the person changes their settings, so the app bar (name, picture) and the theme follow
    /// without a reload. Handlers belong to components of the same circuit and unsubscribe when disposed.
    /// </summary>
    public event Action<UserSettings>? SettingsChanged;

    /// <summary>Takes settings just saved (the write's answer) as this circuit's view of the profile, and tells the layout.</summary>
    public void ApplySettings(UserSettings settings)
    {
        if (_profile is not null)
            _profile = _profile with { DisplayName = settings.DisplayName, TimeZone = settings.TimeZone, Theme = settings.Theme, SettingsVersion = settings.Version };
        SettingsChanged?.Invoke(settings);
    }
}
