using System.Text;
using DevPlatform.Core.Architecture;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>A person's path through Architecture in a real browser: design, save, see the diagram, upload an image, history.</summary>
[Collection(BrowserAppCollection.Name)]
public sealed class ArchitectureBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;
    private readonly ConsoleErrors _console = new();

    [Fact]
    public async Task CreateDesignSaveSeeTheDiagramUploadAnImageOpenItDeleteItAndCompare()
    {
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, "arch-" + Guid.NewGuid().ToString("N")[..6], "Ari Tect",
            consoleErrors: _console);
        await page.GetByTestId("new-project").ClickAsync();
        await page.Locator("input[data-testid=project-name]").FillAsync("Web shop");
        await page.GetByTestId("project-save").ClickAsync();
        await Expect(page.GetByTestId("projects-table").GetByText("Web shop")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Architecture" }).ClickAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("architectures-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("architecture-empty"), FullPage = true });

        // Create, then describe two components and the connection between them.
        await page.GetByTestId("new-architecture").ClickAsync();
        await page.Locator("input[data-testid=architecture-name]").FillAsync("Checkout");
        await page.GetByTestId("architecture-create").ClickAsync();
        await Expect(page.GetByTestId("architecture-version")).ToHaveTextAsync("v1");
        await page.GetByTestId("add-component").ClickAsync();
        await page.GetByTestId("add-component").ClickAsync();
        await page.Locator("input[data-testid=component-name]").Nth(0).FillAsync("Storefront");
        await page.Locator("input[data-testid=component-technology]").Nth(0).FillAsync("Blazor");
        await page.Locator("input[data-testid=component-name]").Nth(1).FillAsync("storefront");
        await Expect(page.GetByText("Another component is already named 'storefront'.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("save-architecture")).ToBeDisabledAsync();
        await page.Locator("input[data-testid=component-name]").Nth(1).FillAsync("Orders API");
        await page.GetByTestId("add-connection").ClickAsync();
        await PickAsync(page, page.GetByTestId("connection-end").Nth(0), "Storefront");
        await PickAsync(page, page.GetByTestId("connection-end").Nth(1), "Orders API");
        await page.Locator("input[data-testid=save-message]").FillAsync("Two parts");
        await page.GetByTestId("save-architecture").ClickAsync();
        await Expect(page.GetByTestId("architecture-version")).ToHaveTextAsync("v2");
        var diagram = page.GetByTestId("component-diagram");
        await Expect(diagram).ToBeVisibleAsync();
        Assert.True(await diagram.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The component diagram did not draw.");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("architecture-design"), FullPage = true });

        // Upload a large SVG image: progress shows while it streams, then the image.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Diagram image" }).ClickAsync();
        await Expect(page.GetByTestId("diagram-empty")).ToBeVisibleAsync();
        await BrowserPages.ThrottleUploadsAsync(page, 4 * 1024 * 1024);
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "checkout.svg", MimeType = "image/svg+xml", Buffer = LargeSvg(12 * 1024 * 1024) });
        await BrowserPages.ExpectUploadPartWayAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("architecture-upload-progress") });
        await Expect(page.GetByTestId("diagram-image")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByText("checkout.svg uploaded.")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("diagram-image").EvaluateAsync<int>("img => img.naturalWidth") > 0, "The uploaded image did not load.");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("architecture-image"), FullPage = true });

        // Open it through its link: served, and as a download (an SVG never renders as a page of ours).
        var href = await page.GetByTestId("open-diagram").GetAttributeAsync("href");
        var opened = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, opened.Status);
        Assert.StartsWith("attachment", opened.Headers["content-disposition"]);

        // Delete it, confirming.
        await page.GetByTestId("delete-diagram").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("diagram-empty")).ToBeVisibleAsync();

        // History: compare the two versions.
        await page.GetByRole(AriaRole.Tab, new() { Name = "History (2)" }).ClickAsync();
        await page.GetByTestId("compare").ClickAsync();
        await Expect(page.GetByTestId("diff-view")).ToContainTextAsync("Component Storefront (Service, Blazor)");
        await page.GetByTestId("view-version").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("viewing-version")).ToContainTextAsync("Version 1");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("architecture-history"), FullPage = true });

        // The address names the open architecture: a reload (or a shared link) opens it again.
        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("architecture-version")).ToHaveTextAsync("v2");
        _console.AssertNone();
    }

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>A real drawing, padded with a comment to the size a progress bar needs.</summary>
    private static byte[] LargeSvg(int size)
    {
        var drawing = ComponentDiagram.Render(new ArchitectureContent("Uploaded drawing", "", ArchitectureStyle.Layered,
            [new ArchitectureComponent("Browser", ComponentKind.Frontend, ""), new ArchitectureComponent("Checkout", ComponentKind.Service, "")],
            [new ArchitectureConnection("Browser", "Checkout", "pays", "HTTPS")]));
        var end = drawing.LastIndexOf("</svg>", StringComparison.Ordinal);
        var padding = new string('x', Math.Max(0, size - drawing.Length - 10));
        return Encoding.UTF8.GetBytes(drawing[..end] + "<!--" + padding + "-->" + drawing[end..]);
    }
}
