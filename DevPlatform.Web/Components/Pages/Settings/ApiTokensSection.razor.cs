using DevPlatform.Core.Tokens;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Settings;

public sealed partial class ApiTokensSection
{
    [Inject] private ApiTokenService ApiTokens { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    /// <summary>The tokens the prerender listed, carried into the live circuit so that one view is one read.</summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public ApiTokensState? Prerendered { get; set; }

    /// <summary>Null while the list loads.</summary>
    private ApiTokensState? _state;
    private string? _error;

    private IReadOnlyList<ApiToken> Tokens => _state?.Tokens ?? [];

    protected override async Task OnInitializedAsync()
    {
        var actor = await CurrentUser.GetActorAsync();
        // The state came back from the page's HTML: only ever use it for the user it was rendered for.
        _state = Prerendered is { } prerendered && prerendered.UserId == actor.UserId
            ? prerendered
            : new ApiTokensState(actor.UserId, await ApiTokens.ListAsync(actor));
        Prerendered = RendererInfo.IsInteractive ? null : _state;
    }

    private Task CreateAsync() => Dialogs.CreateApiTokenAsync(async (name, scope, days) =>
    {
        var result = await DomainCall.RunAsync(async () => await ApiTokens.CreateAsync(await CurrentUser.GetActorAsync(), name, scope, days));
        // Listed from the write's answer (the by-user index may lag); the secret is shown by the dialog, and only there.
        if (result.Value is { } issued && _state is { } state) _state = state with { Tokens = [issued.Token, .. state.Tokens] };
        StateHasChanged();
        return result;
    });

    private async Task RevokeAsync(ApiToken token)
    {
        if (!await Dialogs.ConfirmAsync("Revoke the token?",
                $"Scripts using “{token.Name}” are refused from their next call. This cannot be undone; make a new token if you need one.", "Revoke"))
            return;
        _error = await DomainCall.RunAsync(async () => await ApiTokens.RevokeAsync(await CurrentUser.GetActorAsync(), token.Id));
        if (_error is not null) return;
        if (_state is { } state) _state = state with { Tokens = state.Tokens.Where(t => t.Id != token.Id).ToList() };
        Snackbar.Add($"Revoked “{token.Name}”.", Severity.Success);
    }
}

/// <summary>The person's tokens as the prerender listed them, persisted into the page for the live circuit.</summary>
public sealed record ApiTokensState(string UserId, IReadOnlyList<ApiToken> Tokens);
