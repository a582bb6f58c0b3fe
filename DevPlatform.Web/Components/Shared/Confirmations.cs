using MudBlazor;

namespace DevPlatform.Web.Components.Shared;

/// <summary>The one way every page asks before a destructive action.</summary>
public static class Confirmations
{
    /// <summary>Asks before something that cannot be undone; true when the person confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yes) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;
}
