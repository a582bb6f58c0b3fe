#:project ../DevPlatform.Core/DevPlatform.Core.csproj
#:package Microsoft.Playwright
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// Code generation of a 50-entity schema, three ways, in one run:
//  1. the generators alone, in memory (all four targets, zipped): the floor the app is measured against, per entity;
//  2. the API on the running embedded app: POST /api/code-generation → GET /{id} reads "Succeeded" (queue, worker,
//     archive stored, status written);
//  3. the page in Chromium: click "Generate" → the run's row shows "Succeeded", pushed live.
// The schema is saved through the schema service straight into the app's data folder (the embedded SQLite file).
// Usage: dotnet run bench/CodeGenerationBench.cs -- <baseUrl> <dataPath> <userId> <projectId>
// Prints Markdown table rows: what, entities, files, median time, per entity, against the 2 s goal.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DevPlatform.Core;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

const int Entities = 50;
const int Runs = 5;
var (baseUrl, dataPath, userId, projectId) = (new Uri(args[0]), args[1], args[2], args[3]);
var schema = ShopOf(Entities);
var goal = TimeSpan.FromSeconds(2);

// 1. The generators alone: warm up, then the median of the runs.
var files = 0;
TimeSpan Generate()
{
    var clock = Stopwatch.StartNew();
    var generated = CodeGenerator.Generate(schema, new GenerationSettings("Bench", 1), CodeGenerator.AllTargets);
    CodeArchive.WriteAsync(Stream.Null, generated, null, CancellationToken.None).GetAwaiter().GetResult();
    files = generated.Count;
    return clock.Elapsed;
}
Generate();
Row("generators alone, in memory (all four targets, zipped)", Median(Enumerable.Range(0, Runs).Select(_ => Generate())));

// The schema, saved into the app's own data.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:Provider"] = "Local", ["Storage:Local:DataPath"] = dataPath, ["CodeGeneration:RunWorker"] = "false",
}).Build();
await using var core = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddDevPlatformCore(configuration).BuildServiceProvider();
await core.GetRequiredService<IDocumentStore>().EnsureTablesAsync(core.GetRequiredService<StorageCatalog>().Tables);
var saved = await core.GetRequiredService<SchemaService>().CreateAsync(new Actor(userId, "Bench User"), projectId, SchemaInputs.From("Bench", schema));

// 2. Through the API.
using var http = new HttpClient { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Add("x-dev-user-id", userId);
async Task<TimeSpan> ApiRunAsync()
{
    var clock = Stopwatch.StartNew();
    var posted = await http.PostAsJsonAsync("/api/code-generation", new { projectId, schemaId = saved.Id, targets = new[] { "csharp", "typescript", "sql", "openapi" } });
    var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
    while (true)
    {
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/code-generation/{id}");
        var status = run.GetProperty("status").GetString();
        if (status == "Succeeded") return clock.Elapsed;
        if (status is "Failed" or "Cancelled") throw new InvalidOperationException($"Run {id} {status}: {run}");
        await Task.Delay(5);
    }
}
await ApiRunAsync();
var api = new List<TimeSpan>();
for (var i = 0; i < Runs; i++) api.Add(await ApiRunAsync());
Row("API: `POST /api/code-generation` → `GET /{id}` says Succeeded", Median(api));

// 3. Through the page in Chromium.
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await browser.NewPageAsync(new() { BaseURL = baseUrl.ToString().TrimEnd('/') });
await page.GotoAsync("/account/sign-in");
await page.Locator("#user-id").FillAsync(userId);
await page.Locator("#display-name").FillAsync("Bench User");
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));
await page.GotoAsync($"/code-generation?projectId={projectId}");
await page.Locator("[data-interactive=true]").WaitForAsync();
await page.Locator("[data-testid=generate]:not([disabled])").WaitForAsync();
async Task<TimeSpan> ClickRunAsync()
{
    var before = await page.Locator("[data-testid=run-row]").CountAsync();
    var clock = Stopwatch.StartNew();
    await page.GetByTestId("generate").ClickAsync();
    // Rows are newest first: the new run is the first row once there is one more.
    await page.WaitForFunctionAsync("n => { const rows = document.querySelectorAll('[data-testid=run-row]'); return rows.length === n && rows[0].dataset.status === 'Succeeded'; }",
        before + 1, new() { PollingInterval = 5, Timeout = 60_000 });
    return clock.Elapsed;
}
await ClickRunAsync();
var clicks = new List<TimeSpan>();
for (var i = 0; i < Runs; i++) clicks.Add(await ClickRunAsync());
Row("page in Chromium: click Generate → the run's row shows Succeeded (live)", Median(clicks));

void Row(string what, TimeSpan time) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {Entities} | {files} | {time.TotalMilliseconds:0} ms | {time.TotalMilliseconds / Entities:0.00} ms | {(time < goal ? "under" : "**over**")} 2 s |"));

static TimeSpan Median(IEnumerable<TimeSpan> times)
{
    var sorted = times.Order().ToList();
    return sorted[sorted.Count / 2];
}

// Every field type, a many-to-one to the previous entity, a one-to-many, a many-to-many every fifth, an index.
static SchemaDefinition ShopOf(int count) => new(Enumerable.Range(0, count).Select(i => new SchemaEntity($"Entity{i:00}",
    [
        new SchemaField("title", FieldType.String, Required: true, MaxLength: 120, Unique: true),
        new SchemaField("notes", FieldType.Text),
        new SchemaField("quantity", FieldType.Int, Required: true, Default: "0"),
        new SchemaField("total", FieldType.Long),
        new SchemaField("amount", FieldType.Decimal, Required: true, Default: "0"),
        new SchemaField("enabled", FieldType.Bool, Required: true, Default: "true"),
        new SchemaField("day", FieldType.Date),
        new SchemaField("happenedAt", FieldType.DateTime),
        new SchemaField("reference", FieldType.Uuid),
        new SchemaField("stage", FieldType.Enum, Required: true, Default: "draft", Values: ["draft", "live", "archived"]),
        new SchemaField("payload", FieldType.Json),
    ],
    [
        .. i > 0 ? new[] { new SchemaRelation("previous", RelationKind.ManyToOne, $"Entity{i - 1:00}") } : [],
        .. i % 5 == 0 && i > 1 ? new[] { new SchemaRelation("peers", RelationKind.ManyToMany, $"Entity{i - 2:00}") } : [],
    ],
    [new SchemaIndex($"ix_entity{i:00}_stage", ["stage", "enabled"])])).ToList());
