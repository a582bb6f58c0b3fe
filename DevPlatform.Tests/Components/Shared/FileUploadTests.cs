using Bunit;
using DevPlatform.Core.Common;
using DevPlatform.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;

namespace DevPlatform.Tests.Components.Shared;

/// <summary>The upload control every page uses: progress while the file streams, the reason when it is refused, and a Cancel that cancels.</summary>
/// <remarks>bUnit's UploadFiles blocks until the component's handler is done, so each test runs it beside the test's own thread.</remarks>
public sealed class FileUploadTests : ComponentTestBase
{
    private static readonly byte[] File = new byte[300_000];

    [Fact]
    public async Task ShowsProgressWhileTheFileStreamsThenSaysItIsStored()
    {
        var halfway = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000).Add(c => c.Upload, async (file, ct) =>
        {
            var buffer = new byte[150_000];
            await file.Content.ReadAtLeastAsync(buffer, buffer.Length, cancellationToken: ct);
            halfway.SetResult();
            await goOn.Task;
            await file.Content.CopyToAsync(Stream.Null, ct);
        }));

        var upload = Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File, "diagram.png", contentType: "image/png")));
        await halfway.Task;

        cut.WaitForAssertion(() => Assert.Contains("diagram.png: ", cut.Find(".file-upload-progress-text").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("of 293 KB", cut.Find(".file-upload-progress-text").TextContent));
        goOn.SetResult();
        await upload;
        cut.WaitForAssertion(() => Assert.Contains("diagram.png uploaded.", cut.Markup));
        Assert.Empty(cut.FindAll(".file-upload-progress"));
    }

    [Fact]
    public async Task ARefusalFromTheServerIsShownAsItsMessage()
    {
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000)
            .Add(c => c.Upload, (_, _) => throw new ValidationFailedException("diagramData", "The diagram must be PNG, JPEG, WebP or SVG.")));

        await Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File, "notes.txt", contentType: "text/plain")));

        cut.WaitForAssertion(() => Assert.Contains("The diagram must be PNG, JPEG, WebP or SVG.", cut.Find(".mud-alert-filled-error, .mud-alert-text-error").TextContent));
    }

    [Fact]
    public async Task CancelStopsTheUploadAndSaysNothingWasStored()
    {
        var started = new TaskCompletionSource();
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000).Add(c => c.Upload, async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }));
        var upload = Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File, "big.zip", contentType: "application/zip")));
        await started.Task;

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        await upload;

        cut.WaitForAssertion(() => Assert.Contains("Upload of big.zip cancelled; nothing was stored.", cut.Markup));
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedBeforeAByteIsSent()
    {
        var called = false;
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 100_000)
            .Add(c => c.Upload, (_, _) => { called = true; return Task.CompletedTask; }));

        await Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File, "huge.png", contentType: "image/png")));

        cut.WaitForAssertion(() => Assert.Contains("huge.png is 293 KB; the limit is 97.7 KB.", cut.Markup));
        Assert.False(called);
    }
}
