using DevPlatform.Core.Tokens;
using DevPlatform.Web.Components.Shared;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Settings;

public static class SettingsDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    public static async Task CreateApiTokenAsync(this IDialogService dialogs, Func<string?, ApiTokenScope, int, Task<DomainResult<IssuedApiToken>>> create)
    {
        var parameters = new DialogParameters<ApiTokenDialog> { { d => d.Create, create } };
        await (await dialogs.ShowAsync<ApiTokenDialog>("New API token", parameters, Options)).Result;
    }
}
