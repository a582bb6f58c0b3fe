using DevPlatform.Core.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DevPlatform.Web.Components.Shared;

public sealed partial class FileUpload : IDisposable
{
    // Redrawing the bar for every 32 KB chunk would cost more than the upload; ten times a second is smooth enough.
    private const long RedrawEveryMilliseconds = 100;

    private MudFileUpload<IBrowserFile>? _picker;
    private CancellationTokenSource? _cancel;
    private string _fileName = "";
    private long _size;
    private long _read;
    private long _lastRedraw;
    private Outcome? _outcome;

    [Parameter, EditorRequired] public string Label { get; set; } = "Upload";

    /// <summary>The file picker's filter, e.g. ".png,.jpg,.jpeg,.webp,.svg".</summary>
    [Parameter] public string? Accept { get; set; }

    /// <summary>Larger files are refused before a byte is sent.</summary>
    [Parameter, EditorRequired] public long MaxBytes { get; set; }

    /// <summary>Shown beside the button, e.g. "PNG, JPEG, WebP or SVG, up to 20 MB".</summary>
    [Parameter] public string? Hint { get; set; }

    [Parameter] public bool Disabled { get; set; }

    [Parameter] public string? DisabledReason { get; set; }

    /// <summary>Stores the file; throws Core's refusals (shown as the message) or OperationCanceledException.</summary>
    [Parameter, EditorRequired] public Func<BrowserUpload, CancellationToken, Task> Upload { get; set; } = default!;

    /// <summary>
    /// Raised with the file name once stored. The page that owns this control re-renders when it fires (Upload is a plain
    /// delegate, so without it only this control would show the change).
    /// </summary>
    [Parameter] public EventCallback<string> OnUploaded { get; set; }

    /// <summary>What to say once stored, given the file name; "{name} uploaded." when absent.</summary>
    [Parameter] public Func<string, string>? SuccessMessage { get; set; }

    private bool Uploading => _cancel is not null;

    private double Percent => _size == 0 ? 0 : Math.Min(100, 100.0 * _read / _size);

    private string ProgressText => $"{_fileName}: {Sizes.Describe(_read)} of {Sizes.Describe(_size)} ({Percent:0}%)";

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || Uploading) return;
        _outcome = null;
        if (file.Size > MaxBytes || file.Size == 0)
        {
            _outcome = new(Severity.Error, file.Size == 0 ? $"{file.Name} is empty."
                : $"{file.Name} is {Sizes.Describe(file.Size)}; the limit is {Sizes.Describe(MaxBytes)}.");
            if (_picker is not null) await _picker.ClearAsync();
            return;
        }
        (_fileName, _size, _read, _cancel) = (file.Name, file.Size, 0, new CancellationTokenSource());
        var ct = _cancel.Token;
        try
        {
            await using var content = new CountingReadStream(file.OpenReadStream(MaxBytes, ct), OnRead);
            var error = await DomainCall.RunAsync(() => Upload(new BrowserUpload(content, file.Name, file.ContentType, file.Size), ct));
            _outcome = error is null
                ? new(Severity.Success, SuccessMessage?.Invoke(file.Name) ?? $"{file.Name} uploaded.")
                : new(Severity.Error, error);
            if (error is null) await OnUploaded.InvokeAsync(file.Name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _outcome = new(Severity.Info, $"Upload of {file.Name} cancelled; nothing was stored.");
        }
        catch (IOException e)
        {
            // The browser stopped sending (tab closing, file changed on disk while being read).
            _outcome = new(Severity.Error, $"{file.Name} could not be read to the end: {e.Message}");
        }
        finally
        {
            _cancel?.Dispose();
            _cancel = null;
            // Forget the pick: the outcome says what happened, and the same file can be picked again.
            if (_picker is not null) await _picker.ClearAsync();
        }
    }

    private void OnRead(long read)
    {
        _read = read;
        var now = Environment.TickCount64;
        if (now - _lastRedraw < RedrawEveryMilliseconds) return;
        _lastRedraw = now;
        _ = InvokeAsync(StateHasChanged);
    }

    private void Cancel() => _cancel?.Cancel();

    public void Dispose() => _cancel?.Cancel();

    private sealed record Outcome(Severity Severity, string Message);
}
