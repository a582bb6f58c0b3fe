using System.IO.Compression;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Core;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// A person's path through Code Generation in a real browser: preview a schema's files, generate, watch the run finish
/// live, download the zip, generate a later version and read the diff between the two runs.
/// </summary>
[Collection(BrowserAppCollection.Name)]
public sealed class CodeGenerationBrowserTests(BrowserApp shared)
{
    private readonly AppServer _app = shared.App;
    private readonly BrowserSession _browser = shared.Browser;
    private readonly ConsoleErrors _console = new();

    [Fact]
    public async Task PreviewGenerateWatchItFinishLiveDownloadTheZipAndDiffTwoRuns()
    {
        var user = new Actor("gen-" + Guid.NewGuid().ToString("N")[..6], "Gen Erator");
        var page = await BrowserPages.SignInAsync(_browser.Browser, _app.BaseUrl, user.UserId, user.DisplayName, consoleErrors: _console);
        await page.GetByTestId("new-project").ClickAsync();
        await page.Locator("input[data-testid=project-name]").FillAsync("Web shop");
        await page.GetByTestId("project-save").ClickAsync();
        await Expect(page.GetByTestId("projects-table").GetByText("Web shop")).ToBeVisibleAsync();
        await SaveTwoSchemaVersionsAsync(user);

        await page.GetByRole(AriaRole.Link, new() { Name = "Code Generation" }).ClickAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("runs-empty")).ToBeVisibleAsync();

        // Preview: the file tree, then one file's content, with nothing queued.
        await page.GetByTestId("preview").ClickAsync();
        await Expect(page.GetByTestId("preview-file").First).ToBeVisibleAsync();
        await page.GetByTestId("preview-file").Filter(new() { HasText = "csharp/Endpoints/OrderEndpoints.cs" }).ClickAsync();
        await Expect(page.GetByTestId("preview-content")).ToContainTextAsync("public static class OrderEndpoints");
        await Expect(page.GetByTestId("runs-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("code-generation-preview"), FullPage = true });

        // Generate version 1, then the latest: each shows at once and finishes without a reload.
        await PickAsync(page, page.GetByTestId("version-select"), "v1");
        await page.GetByTestId("generate").ClickAsync();
        await Expect(page.GetByTestId("run-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("run-detail")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 30_000 });
        await PickAsync(page, page.GetByTestId("version-select"), "Latest");
        await page.GetByTestId("generate").ClickAsync();
        await Expect(page.GetByTestId("run-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("run-detail")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("archive")).ToContainTextAsync("SHA-256");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("code-generation-succeeded"), FullPage = true });

        // Download: a fresh signed link, saved as a zip holding the generated project.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"codegen-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(saved);
        using (var zip = ZipFile.OpenRead(saved))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("csharp/Shop.Api.csproj", names);
            Assert.Contains("csharp/Models/Coupon.cs", names);
            Assert.Contains("typescript/client.ts", names);
            Assert.Contains("sql/sqlite.sql", names);
            Assert.Contains("openapi/openapi.json", names);
        }
        File.Delete(saved);

        // The diff against the previous run: the new entity's files added, the SQL changed, and a unified diff of it.
        await page.GetByTestId("diff").ClickAsync();
        await Expect(page.GetByTestId("diff-view")).ToContainTextAsync("Since the previous run (v1)");
        await page.GetByTestId("diff-changed").Filter(new() { HasText = "sql/sqlite.sql" }).ClickAsync();
        await Expect(page.GetByTestId("unified-diff")).ToContainTextAsync("+CREATE TABLE \"coupon\" (");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("code-generation-diff"), FullPage = true });

        // My runs lists both; the address names the open run, so a reload opens it again.
        await page.GetByText("My runs").ClickAsync();
        await Expect(page.GetByTestId("run-row")).ToHaveCountAsync(2);
        await page.ReloadAsync();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("run-detail")).ToHaveAttributeAsync("data-status", "Succeeded");
        _console.AssertNone();
    }

    /// <summary>
    /// Schemas are saved through the schema service on the app's own data (the Schema page is another area's); version 2
    /// adds a Coupon entity.
    /// </summary>
    private async Task SaveTwoSchemaVersionsAsync(Actor user)
    {
        await using var core = new ServiceHarness(new Dictionary<string, string> { ["Storage:Local:DataPath"] = _app.DataPath, ["CodeGeneration:RunWorker"] = "false" });
        // The app made the tables; this process's store learns their definitions (nothing is created again).
        await core.Get<DevPlatform.Core.Storage.Documents.IDocumentStore>().EnsureTablesAsync(core.Get<DevPlatform.Core.Storage.StorageCatalog>().Tables);
        var team = (await core.Get<TeamDirectory>().EnsureUserAsync(user)).PersonalTeamId;
        var project = (await core.Get<ProjectService>().ListAsync(user, team, new ProjectListQuery())).Items.Single(p => p.Name == "Web shop");
        var schemas = core.Get<SchemaService>();
        var created = await schemas.CreateAsync(user, project.Id, SchemaInputs.From("Shop", TestSchemas.Shop()));
        var extended = TestSchemas.Shop().Entities.Append(new SchemaEntity("Coupon", [new SchemaField("code", FieldType.String, Required: true, MaxLength: 20)]));
        await schemas.SaveAsync(user, created.Id, SchemaInputs.From("Shop", new SchemaDefinition(extended.ToList())), created.Version, "Coupons");
    }

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }
}
