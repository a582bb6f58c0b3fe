using DevPlatform.Core.Settings;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Uploads;
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

    /// <summary>Called by <see cref="FileUpload"/>: streams the picked file to storage; throws Core's refusals for it to show.</summary>
    public async Task UploadPictureAsync(BrowserUpload file, CancellationToken ct) =>
        Applied(await pictures.UploadAsync(await currentUser.GetActorAsync(), new UploadSource(file.Content, file.ContentType), ct));

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
