using DevPlatform.Core.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Settings;

public sealed partial class SettingsForm
{
    private static readonly IReadOnlyList<string> TimeZones = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private MudForm? _form;
    private bool _saving;
    private bool _savedOnce;
    private string? _error;
    private string? _displayName;
    private string? _timeZone;
    private ThemeChoice _theme;
    private string? _notificationEmail;
    private Dictionary<NotificationTopic, TopicPreference> _topics = [];
    private UserSettings? _shown;

    [Parameter, EditorRequired] public SettingsScreen Screen { get; set; } = default!;

    /// <summary>The settings as stored; the form starts from them and starts again whenever they change.</summary>
    [Parameter, EditorRequired] public UserSettings Settings { get; set; } = default!;

    /// <summary>Raised once saved, so the page shows the stored settings (and this form starts again from them).</summary>
    [Parameter] public EventCallback OnSaved { get; set; }

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool Changed => _displayName != Settings.DisplayName || (_timeZone ?? "") != (Settings.TimeZone ?? "") || _theme != Settings.Theme
        || (_notificationEmail ?? "") != (Settings.NotificationEmail ?? "") || _topics.Any(t => Settings.Notifications[t.Key] != t.Value);

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_shown, Settings)) return;
        _shown = Settings;
        (_displayName, _timeZone, _theme, _notificationEmail) = (Settings.DisplayName, Settings.TimeZone, Settings.Theme, Settings.NotificationEmail);
        _topics = Settings.Notifications.ToDictionary();
    }

    private Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken ct) => Task.FromResult(string.IsNullOrWhiteSpace(text)
        ? TimeZones
        : TimeZones.Where(z => z.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task SaveAsync()
    {
        if (_form is not null)
        {
            await _form.ValidateAsync();
            if (!_form.IsValid) return;
        }
        (_saving, _error) = (true, null);
        var result = await Screen.SaveAsync(new SettingsInput(_displayName, _timeZone ?? "", _theme, SettingsInput.AllTopics(_topics), _notificationEmail ?? ""));
        _saving = false;
        if (result.Error is { } error)
        {
            _error = error;
            return;
        }
        _savedOnce = true;
        await OnSaved.InvokeAsync();
        Snackbar.Add("Your settings are saved.", Severity.Success);
    }
}
