using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace DevPlatform.Web.Components.Shared;

/// <summary>
/// Picks one file and sends it from the browser straight to a streaming upload route (an HTTP PUT of the raw file, see
/// FileUpload.razor.js), with a progress bar and a Cancel button. Neither the browser nor the server holds the file whole,
/// and the route checks and stores it exactly as it does for API callers.
/// </summary>
public sealed partial class FileUpload : IAsyncDisposable
{
    /// <summary>The module beside this component; the page's import map resolves it to its fingerprinted file.</summary>
    public const string Module = "./Components/Shared/FileUpload.razor.js";

    private ElementReference _root;
    private MudFileUpload<IBrowserFile>? _picker;
    private IJSObjectReference? _module;
    private DotNetObjectReference<FileUpload>? _self;
    private string _fileName = "";
    private long _size;
    private long _sent;
    private bool _uploading;
    private bool _disposed;
    private Outcome? _outcome;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public string Label { get; set; } = "Upload";

    /// <summary>The file picker's filter, e.g. ".png,.jpg,.jpeg,.webp,.svg".</summary>
    [Parameter] public string? Accept { get; set; }

    /// <summary>Larger files are refused before a byte is sent.</summary>
    [Parameter, EditorRequired] public long MaxBytes { get; set; }

    /// <summary>Shown beside the button, e.g. "PNG, JPEG, WebP or SVG, up to 20 MB".</summary>
    [Parameter] public string? Hint { get; set; }

    [Parameter] public bool Disabled { get; set; }

    [Parameter] public string? DisabledReason { get; set; }

    /// <summary>Given the picked file's name, the app-relative URL of the streaming route that stores it with a PUT of the raw bytes.</summary>
    [Parameter, EditorRequired] public Func<string, string> UploadUrl { get; set; } = default!;

    /// <summary>Raised with the file name once stored, for the page to show what changed (the route stored it, not the page).</summary>
    [Parameter, EditorRequired] public EventCallback<string> OnUploaded { get; set; }

    /// <summary>What to say once stored, given the file name; "{name} uploaded." when absent.</summary>
    [Parameter] public Func<string, string>? SuccessMessage { get; set; }

    private double Percent => _size == 0 ? 0 : Math.Min(100, 100.0 * _sent / _size);

    private string ProgressText => $"{_fileName}: {Sizes.Describe(_sent)} of {Sizes.Describe(_size)} ({Percent:0}%)";

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || _uploading) return;
        _outcome = null;
        if (file.Size > MaxBytes || file.Size == 0)
        {
            _outcome = new(Severity.Error, file.Size == 0 ? $"{file.Name} is empty."
                : $"{file.Name} is {Sizes.Describe(file.Size)}; the limit is {Sizes.Describe(MaxBytes)}.");
            await ForgetPickAsync();
            return;
        }
        (_fileName, _size, _sent, _uploading) = (file.Name, file.Size, 0, true);
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", Module);
            _self ??= DotNetObjectReference.Create(this);
            // No timeout: a large file on a slow link takes as long as it takes, and Cancel aborts it.
            var answer = await _module.InvokeAsync<UploadAnswer>("send", CancellationToken.None, _root, UploadUrl(file.Name), _self);
            var (severity, message) = answer.Describe(file.Name, SuccessMessage);
            _outcome = new(severity, message);
            if (answer.Succeeded) await OnUploaded.InvokeAsync(file.Name);
        }
        catch (JSDisconnectedException)
        {
            return; // The person left; there is no page to tell, and the aborted request stored nothing.
        }
        finally
        {
            _uploading = false;
            // Forget the pick: the outcome says what happened, and the same file can be picked again.
            if (!_disposed) await ForgetPickAsync();
        }
    }

    /// <summary>Bytes sent so far, reported by the browser at most ten times a second.</summary>
    [JSInvokable]
    public void Progress(long sent)
    {
        _sent = Math.Min(sent, _size);
        StateHasChanged();
    }

    private async Task CancelAsync()
    {
        if (_module is not null) await _module.InvokeVoidAsync("cancel", _root);
    }

    private async Task ForgetPickAsync()
    {
        if (_picker is not null) await _picker.ClearAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_module is not null)
            {
                if (_uploading) await _module.InvokeVoidAsync("cancel", _root);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser with it: its request went when the page did.
        }
        _self?.Dispose();
    }

    private sealed record Outcome(Severity Severity, string Message);
}
