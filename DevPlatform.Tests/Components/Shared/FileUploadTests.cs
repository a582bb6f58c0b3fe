using Bunit;
using DevPlatform.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;

namespace DevPlatform.Tests.Components.Shared;

/// <summary>
/// The upload control every page uses: the browser sends the picked file to the page's streaming route (the module's
/// send, answered here as the route would), with progress while it goes, the route's refusal in its own words, and a
/// Cancel that aborts the request.
/// </summary>
/// <remarks>bUnit's UploadFiles blocks until the component's handler is done, so each test runs it beside the test's own thread.</remarks>
public sealed class FileUploadTests : ComponentTestBase
{
    private static readonly byte[] File = new byte[300_000];

    [Fact]
    public async Task ShowsProgressWhileTheBrowserSendsThenSaysItIsStored()
    {
        var send = JSInterop.SetupModule(FileUpload.Module).Setup<UploadAnswer>("send", _ => true);
        string? uploaded = null;
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000)
            .Add(c => c.UploadUrl, name => $"api/things/1/file?fileName={name}").Add(c => c.OnUploaded, name => uploaded = name));

        var upload = PickAsync(cut, "diagram.png", "image/png");
        cut.WaitForAssertion(() => Assert.Single(send.Invocations), TimeSpan.FromSeconds(10));
        Assert.Equal("api/things/1/file?fileName=diagram.png", send.Invocations["send"][0].Arguments[1]);
        await cut.InvokeAsync(() => cut.Instance.Progress(150_000));

        Assert.Equal("diagram.png: 146.5 KB of 293 KB (50%)", cut.Find(".file-upload-progress-text").TextContent);
        Assert.Equal("50", cut.Find(".file-upload-progress").GetAttribute("aria-valuenow"));
        send.SetResult(new UploadAnswer(201, "{}", Aborted: false, Missing: false));
        await upload;
        cut.WaitForAssertion(() => Assert.Contains("diagram.png uploaded.", cut.Markup));
        Assert.Equal("diagram.png", uploaded);
        Assert.Empty(cut.FindAll(".file-upload-progress"));
    }

    [Fact]
    public async Task ARefusalFromTheRouteIsShownInItsOwnWords()
    {
        JSInterop.SetupModule(FileUpload.Module).Setup<UploadAnswer>("send", _ => true).SetResult(new UploadAnswer(400,
            """{"title":"The input is not valid.","status":400,"errors":{"diagramData":["The diagram must be PNG, JPEG, WebP or SVG, and its content is none of these."]}}""",
            Aborted: false, Missing: false));
        var uploaded = false;
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000)
            .Add(c => c.UploadUrl, _ => "api/things/1/file").Add(c => c.OnUploaded, _ => uploaded = true));

        await PickAsync(cut, "notes.txt", "text/plain");

        cut.WaitForAssertion(() => Assert.Contains("The diagram must be PNG, JPEG, WebP or SVG, and its content is none of these.",
            cut.Find(".mud-alert-filled-error, .mud-alert-text-error").TextContent));
        Assert.False(uploaded);
    }

    [Theory]
    [InlineData(413, """{"title":"Too large.","status":413,"detail":"The attachment is larger than 100 MB."}""", "The attachment is larger than 100 MB.")]
    [InlineData(401, "", "Your session has ended: sign in again, then upload the file.")]
    [InlineData(0, "", "The connection was lost while sending big.zip; nothing was stored. Try again.")]
    [InlineData(502, "<html>Bad gateway</html>", "big.zip was not stored: the server answered 502.")]
    public async Task EveryOtherOutcomeSaysWhatHappened(int status, string body, string message)
    {
        JSInterop.SetupModule(FileUpload.Module).Setup<UploadAnswer>("send", _ => true).SetResult(new UploadAnswer(status, body, Aborted: false, Missing: false));
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000)
            .Add(c => c.UploadUrl, _ => "api/things/1/file").Add(c => c.OnUploaded, _ => { }));

        await PickAsync(cut, "big.zip", "application/zip");

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find(".mud-alert").TextContent));
    }

    [Fact]
    public async Task CancelAbortsTheRequestAndSaysNothingWasStored()
    {
        var module = JSInterop.SetupModule(FileUpload.Module);
        var send = module.Setup<UploadAnswer>("send", _ => true);
        var cancel = module.SetupVoid("cancel", _ => true);
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 1_000_000)
            .Add(c => c.UploadUrl, _ => "api/things/1/file").Add(c => c.OnUploaded, _ => { }));
        var upload = PickAsync(cut, "big.zip", "application/zip");
        cut.WaitForAssertion(() => Assert.Single(send.Invocations), TimeSpan.FromSeconds(10));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.Single(cancel.Invocations);
        send.SetResult(new UploadAnswer(0, "", Aborted: true, Missing: false)); // what the aborted request resolves with
        await upload;

        cut.WaitForAssertion(() => Assert.Contains("Upload of big.zip cancelled; nothing was stored.", cut.Markup));
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedBeforeAByteIsSent()
    {
        var send = JSInterop.SetupModule(FileUpload.Module).Setup<UploadAnswer>("send", _ => true);
        var cut = Render<FileUpload>(p => p.Add(c => c.Label, "Upload").Add(c => c.MaxBytes, 100_000)
            .Add(c => c.UploadUrl, _ => "api/things/1/file").Add(c => c.OnUploaded, _ => { }));

        await PickAsync(cut, "huge.png", "image/png");

        cut.WaitForAssertion(() => Assert.Contains("huge.png is 293 KB; the limit is 97.7 KB.", cut.Markup));
        Assert.Empty(send.Invocations);
    }

    private static Task PickAsync(IRenderedComponent<FileUpload> cut, string name, string contentType) =>
        Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File, name, contentType: contentType)));
}
