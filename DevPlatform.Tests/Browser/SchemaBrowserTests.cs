using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>A person's path through Schema in a real browser: design in the grid, save, edit the JSON, save again, see the ER diagram and the diff.</summary>
[Collection(BrowserAppCollection.Name)]
public sealed class SchemaBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;
    private readonly ConsoleErrors _console = new();

    [Fact]
    public async Task DesignASchemaSaveTwoVersionsAndSeeWhatTheDiffSaysBreaks()
    {
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, "schema-" + Guid.NewGuid().ToString("N")[..6], "Sam Designer",
            consoleErrors: _console);
        await page.GetByTestId("new-project").ClickAsync();
        await page.Locator("input[data-testid=project-name]").FillAsync("Web shop");
        await page.GetByTestId("project-save").ClickAsync();
        await Expect(page.GetByTestId("projects-table").GetByText("Web shop")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Schema" }).ClickAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("schemas-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("schema-empty"), FullPage = true });

        await page.GetByTestId("new-schema").ClickAsync();
        await page.Locator("input[data-testid=schema-name]").FillAsync("Shop model");
        await page.GetByTestId("schema-create").ClickAsync();
        await Expect(page.GetByTestId("schema-version")).ToHaveTextAsync("v1");
        await Expect(page.GetByTestId("entities-empty")).ToBeVisibleAsync();

        // Design through the grid: a Customer with an email and a tier, an Order with a total and its customer.
        await page.GetByTestId("add-entity").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=entity-name]"), "Entity1", "Customer");
        await page.GetByTestId("add-field").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=field-name]").Nth(0), "field1", "email");
        await page.Locator("input[data-testid=field-max-length]").Nth(0).FillAsync("320");
        await page.Locator("input[data-testid=field-required]").Nth(0).CheckAsync();
        await page.GetByTestId("add-field").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=field-name]").Nth(1), "field2", "class");
        await Expect(page.GetByText("'class' is a reserved word in C# and TypeScript; choose another name.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("save-schema")).ToBeDisabledAsync();
        await page.Locator("input[data-testid=field-name]").Nth(1).FillAsync("tier");
        await PickAsync(page, page.GetByTestId("field-type").Nth(1), "enum");
        await page.Locator("input[data-testid=field-values]").FillAsync("standard, gold");
        await page.Locator("input[data-testid=field-default]").Nth(1).FillAsync("platinum");
        await Expect(page.GetByText("'platinum' is not one of the values (standard, gold).")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=field-default]").Nth(1).FillAsync("standard");

        await page.GetByTestId("add-entity").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=entity-name]"), "Entity2", "Order");
        await page.GetByTestId("add-field").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=field-name]").Nth(0), "field1", "total");
        await PickAsync(page, page.GetByTestId("field-type").Nth(0), "decimal");
        await page.GetByTestId("add-relation").ClickAsync();
        await RenameAsync(page.Locator("input[data-testid=relation-name]"), "relation1", "customer");
        await Expect(page.GetByTestId("relations-table")).ToContainTextAsync("customerId on Order");
        await page.Locator("input[data-testid=save-message]").FillAsync("Customers and orders");
        await page.GetByTestId("save-schema").ClickAsync();
        await Expect(page.GetByTestId("schema-version")).ToHaveTextAsync("v2");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("schema-design"), FullPage = true });

        // The ER diagram is drawn from it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "ER diagram" }).ClickAsync();
        var diagram = page.GetByTestId("er-diagram");
        await Expect(diagram).ToBeVisibleAsync();
        Assert.True(await diagram.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The ER diagram did not draw.");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("schema-diagram"), FullPage = true });

        // The JSON view edits the same schema: broken JSON says where and keeps the grid; valid JSON changes it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var text = page.Locator("textarea[data-testid=json-text]");
        await Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"name\": \"total\", \"type\": \"decimal\""));
        var json = await text.InputValueAsync();
        await text.FillAsync(json.Replace("\"type\": \"decimal\"", "\"type\": \"decimal\",,"));
        await Expect(page.GetByTestId("json-error")).ToContainTextAsync("Line ");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("schema-json-error"), FullPage = true });
        await text.FillAsync(json.Replace("\"type\": \"decimal\"", "\"type\": \"int\""));
        await Expect(page.GetByTestId("json-error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Design" }).ClickAsync();
        await page.GetByTestId("entity-item").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("field-type").Nth(0)).ToContainTextAsync("int");
        await page.Locator("input[data-testid=save-message]").FillAsync("Whole totals");
        await page.GetByTestId("save-schema").ClickAsync();
        await Expect(page.GetByTestId("schema-version")).ToHaveTextAsync("v3");

        // The history diffs the two saves and flags the narrowed type as breaking.
        await page.GetByRole(AriaRole.Tab, new() { Name = "History (3)" }).ClickAsync();
        await page.GetByTestId("diff").ClickAsync();
        await Expect(page.GetByTestId("diff-view")).ToContainTextAsync("Order.total");
        await Expect(page.GetByTestId("breaking-reason")).ToHaveTextAsync("narrowed type decimal → int");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("schema-diff"), FullPage = true });

        // The address names the open schema: a reload opens it again.
        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("schema-version")).ToHaveTextAsync("v3");
        _console.AssertNone();
    }

    /// <summary>A row just added comes with a name; it is replaced once it shows, so typing never lands before the new row's value.</summary>
    private static async Task RenameAsync(ILocator input, string given, string name)
    {
        await Expect(input).ToHaveValueAsync(given);
        await input.FillAsync(name);
        await Expect(input).ToHaveValueAsync(name);
    }

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }
}
