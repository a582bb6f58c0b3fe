using Microsoft.JSInterop;

namespace DevPlatform.Web.Components.Shared;

/// <summary>
/// The time zone times are shown in for this circuit: the one the person chose in Settings, else the browser's (asked
/// once per circuit). Until it is known (prerendering, or a browser the server cannot place) it is UTC.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js, ILogger<BrowserTimeZone> logger)
{
    /// <summary>The module beside <c>LocalTime.razor</c>; the page's import map resolves it to its fingerprinted file.</summary>
    private const string Module = "./Components/Shared/LocalTime.razor.js";

    private Task<TimeZoneInfo>? _zone;

    /// <summary>The zone if it is already known, else null.</summary>
    public TimeZoneInfo? Known => _zone is { IsCompletedSuccessfully: true } ? _zone.Result : null;

    /// <summary>Uses the zone chosen in Settings (an IANA id), or the browser's again when null.</summary>
    public void Choose(string? timeZone) =>
        _zone = !string.IsNullOrEmpty(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? Task.FromResult(zone) : null;

    /// <summary>Asks the browser the first time (only possible once the circuit is interactive), then answers from memory.</summary>
    public Task<TimeZoneInfo> GetAsync() => _zone ??= AskBrowserAsync();

    private async Task<TimeZoneInfo> AskBrowserAsync()
    {
        string? id;
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
            id = await module.InvokeAsync<string?>("timeZone");
        }
        catch (Exception e) when (e is JSException or TaskCanceledException)
        {
            logger.LogWarning(e, "The browser did not say its time zone; showing times in UTC");
            return TimeZoneInfo.Utc;
        }
        if (!string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        logger.LogWarning("The browser's time zone {TimeZone} is not known to the server; showing times in UTC", id);
        return TimeZoneInfo.Utc;
    }
}
