using DevPlatform.Core.Settings;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Components.Pages.Settings;

/// <summary>The Settings page's state: the settings as last read or saved, and the changes it makes through Core.</summary>
public sealed class SettingsScreen(SettingsService settings, ProfilePictureService pictures, CurrentUser currentUser, IEmailChannel email)
{
    public UserSettings? Current { get; private set; }

    public string? LoadError { get; private set; }

    /// <summary>Email notifications go out through SNS topic subscriptions, which exist in AWS mode only.</summary>
    public bool EmailDelivery => email.Available;

    /// <param name="prerendered">What the prerender read, used only if it is this user's (it came back from the page's HTML).</param>
    public async Task LoadAsync(UserSettings? prerendered)
    {
        var actor = await currentUser.GetActorAsync();
        if (prerendered is not null && prerendered.UserId == actor.UserId)
        {
            Current = prerendered;
            return;
        }
        var result = await DomainCall.RunAsync(async () => await settings.GetAsync(actor));
        (Current, LoadError) = (result.Value, result.Error);
    }

    /// <returns>null when saved, else the message to show; on a conflict the screen shows what is stored now.</returns>
    public async Task<DomainResult<UserSettings>> SaveAsync(SettingsInput input)
    {
        var result = await DomainCall.RunAsync(async () => await settings.UpdateAsync(await currentUser.GetActorAsync(), input, Current!.Version));
        if (result.Value is { } saved) Applied(saved);
        return result;
    }

    /// <summary>The streaming route <see cref="FileUpload"/> sends a new picture to.</summary>
    public const string PictureUploadUrl = "api/settings/profile-picture";

    /// <summary>After the browser stored a new picture: reads the settings back and tells the app bar.</summary>
    public async Task<string?> PictureUploadedAsync()
    {
        var result = await DomainCall.RunAsync(async () => await settings.GetAsync(await currentUser.GetActorAsync()));
        if (result.Value is { } saved) Applied(saved);
        return result.Error;
    }

    public async Task<string?> DeletePictureAsync()
    {
        var result = await DomainCall.RunAsync(async () => await pictures.DeleteAsync(await currentUser.GetActorAsync()));
        if (result.Value is { } saved) Applied(saved);
        return result.Error;
    }

    private void Applied(UserSettings saved)
    {
        Current = saved;
        currentUser.ApplySettings(saved);
    }
}
