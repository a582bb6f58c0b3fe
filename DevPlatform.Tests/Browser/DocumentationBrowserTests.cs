using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>A person writing documentation in a real browser: a page with a live preview, search, and an attachment with visible progress.</summary>
[Collection(BrowserAppCollection.Name)]
public sealed class DocumentationBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;

    [Fact]
    public async Task WriteAPageSeeThePreviewSearchItAndAttachAFile()
    {
        var errors = new ConsoleErrors();
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, "doc-" + Guid.NewGuid().ToString("N")[..6], "Dora Docs", consoleErrors: errors);
        await page.GetByTestId("new-project").ClickAsync();
        await page.Locator("input[data-testid=project-name]").FillAsync("Payments");
        await page.GetByTestId("project-save").ClickAsync();
        await Expect(page.GetByTestId("projects-table").GetByText("Payments")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Documentation" }).ClickAsync();
        await Expect(page.GetByTestId("documents-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("documentation-empty"), FullPage = true });

        // A new page opens in the editor; the preview follows typing, and typed script is text, never an element.
        await page.GetByTestId("new-page").ClickAsync();
        await page.Locator("input[data-testid=document-title]").FillAsync("Runbook");
        await page.GetByTestId("document-title-save").ClickAsync();
        var source = page.Locator("textarea[data-testid=editor-content]");
        await source.FillAsync("# Deploy steps\n\n1. **Restart** the queue worker\n2. Check the dashboard\n\n<script>window.pwned = 1</script>\n\n| Step | Owner |\n|---|---|\n| Deploy | Ops |");
        var preview = page.GetByTestId("markdown-preview");
        await Expect(preview.Locator("h1")).ToHaveTextAsync("Deploy steps");
        await Expect(preview.Locator("table")).ToBeVisibleAsync();
        Assert.Equal(0, await preview.Locator("script").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("documentation-editor"), FullPage = true });
        await Expect(page.GetByTestId("tree-item").GetByText("Runbook")).ToBeVisibleAsync();
        await page.GetByTestId("editor-save").ClickAsync();
        await Expect(page.GetByTestId("document-reader").Locator("h1")).ToHaveTextAsync("Deploy steps");
        Assert.Null(await page.EvaluateAsync<int?>("window.pwned"));

        // Search finds it by a word of its text, the word marked in the snippet.
        await page.Locator("input[data-testid=document-search]").FillAsync("queue");
        var hit = page.GetByTestId("search-hit");
        await Expect(hit).ToContainTextAsync("Runbook");
        await Expect(hit.Locator("mark")).ToHaveTextAsync("queue");
        await hit.ClickAsync();

        // An 8 MB file streams with a visible progress bar, then is listed, opened and deleted.
        await BrowserPages.ThrottleUploadsAsync(page, 2 * 1024 * 1024);
        await page.Locator("[data-testid=attachments] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "spec.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf(8 * 1024 * 1024),
        });
        await BrowserPages.ExpectUploadPartWayAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("documentation-uploading"), FullPage = true });
        var row = page.GetByTestId("attachment-row");
        await Expect(row).ToContainTextAsync("spec.pdf", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("documentation-page"), FullPage = true });
        // Opening asks for a fresh signed link and opens it in a new tab (a PDF downloads from there); the API tests compare the bytes.
        var opened = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Context.Response += (_, r) =>
        {
            if (r.Url.Contains("/blobs/") && Uri.UnescapeDataString(r.Url).Contains("spec.pdf")) opened.TrySetResult(r);
        };
        await row.GetByTestId("attachment-open").ClickAsync();
        var download = await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, download.Status);
        Assert.Equal((8 * 1024 * 1024).ToString(), download.Headers.GetValueOrDefault("content-length"));
        await row.GetByTestId("attachment-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByTestId("attachments-empty")).ToBeVisibleAsync();

        // Cancel part-way: the browser's request is aborted, the page says so, and nothing is listed.
        await page.Locator("[data-testid=attachments] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "big.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf(8 * 1024 * 1024),
        });
        await BrowserPages.ExpectUploadPartWayAsync(page);
        await page.GetByTestId("attachments").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByText("Upload of big.pdf cancelled; nothing was stored.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("attachments-empty")).ToBeVisibleAsync();

        errors.AssertNone();
    }
}
