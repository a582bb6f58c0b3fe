using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api.CodeGeneration;

/// <summary>
/// /api/code-generation on both backends, with the worker the app hosts: queue (202), watch the status move to
/// succeeded, download the zip through the link, preview, lists, diff, and refusals with nothing queued.
/// </summary>
public abstract class CodeGenerationApiTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private DevPlatformFactory _app = null!;
    private HttpClient _ana = null!;
    private HttpClient _bo = null!;
    private readonly HttpClient _anonymous = new();
    private string _projectId = "";
    private string _schemaId = "";

    public async Task InitializeAsync()
    {
        _app = emulators is null ? new DevPlatformFactory() : DevPlatformFactory.OnAws(emulators);
        var address = _app.StartOnKestrel();
        _ana = Client(address, "ana");
        _bo = Client(address, "bo");
        _projectId = (await JsonAsync(await _ana.PostAsJsonAsync("/api/projects", new { name = "Shop" }))).GetProperty("id").GetString()!;
        var schemas = _app.Services.GetRequiredService<SchemaService>();
        var schema = await schemas.CreateAsync(new Actor("ana", "ana"), _projectId, SchemaInputs.From("Shop", TestSchemas.Shop()));
        var extended = TestSchemas.Shop().Entities.Append(new SchemaEntity("Coupon", [new SchemaField("code", FieldType.String, Required: true, MaxLength: 20)])).ToList();
        await schemas.SaveAsync(new Actor("ana", "ana"), schema.Id, SchemaInputs.From("Shop", new SchemaDefinition(extended)), schema.Version);
        _schemaId = schema.Id;
    }

    private static HttpClient Client(Uri address, string user)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("x-dev-user-id", user);
        return client;
    }

    public async Task DisposeAsync()
    {
        _ana.Dispose();
        _bo.Dispose();
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task APostedRunIsAcceptedRunByTheWorkerAndDownloadsAsAZip()
    {
        var posted = await _ana.PostAsJsonAsync("/api/code-generation", new { projectId = _projectId, schemaId = _schemaId, targets = new[] { "csharp", "typescript", "sql", "openapi" } });

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = await JsonAsync(posted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal(("Queued", 2), (accepted.GetProperty("status").GetString(), accepted.GetProperty("schemaVersion").GetInt32()));
        Assert.Equal($"/api/code-generation/{id}", posted.Headers.Location?.OriginalString);
        var run = await WaitForFinishedAsync(id);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(run.GetProperty("archive").GetProperty("fileCount").GetInt32(), run.GetProperty("progress").GetProperty("filesDone").GetInt32());

        var link = await JsonAsync(await _ana.GetAsync($"/api/code-generation/{id}/download-url"));
        Assert.True(link.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var zipBytes = await _anonymous.GetByteArrayAsync(link.GetProperty("url").GetString());
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.Contains("csharp/Shop.Api.csproj", zip.Entries.Select(e => e.FullName));
        Assert.Contains("csharp/Models/Coupon.cs", zip.Entries.Select(e => e.FullName));
        Assert.Equal(["openapi/openapi.json", "sql/postgresql.sql", "sql/sqlite.sql"], zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("csharp") && !n.StartsWith("typescript")));
        Assert.Equal(run.GetProperty("archive").GetProperty("size").GetInt64(), zipBytes.LongLength);
        Assert.Equal(run.GetProperty("archive").GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zipBytes)));
    }

    [Fact]
    public async Task ListsShowTheProjectsRunsAndTheCallersOwn()
    {
        var id = await QueueAsync(_ana, ["sql"]);

        var all = await JsonAsync(await _ana.GetAsync($"/api/code-generation?projectId={_projectId}"));
        var mine = await JsonAsync(await _ana.GetAsync($"/api/code-generation?projectId={_projectId}&mine=true"));

        Assert.Contains(id, Ids(all));
        Assert.Contains(id, Ids(mine));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("items")[0].GetProperty("files").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await _bo.GetAsync($"/api/code-generation?projectId={_projectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bo.GetAsync($"/api/code-generation/{id}")).StatusCode);
    }

    [Fact]
    public async Task APreviewShowsTheFilesAndOneFileWithoutQueuingAnything()
    {
        var preview = await _ana.PostAsJsonAsync("/api/code-generation/preview",
            new { projectId = _projectId, schemaId = _schemaId, version = 1, targets = new[] { "sql" }, path = "sql/sqlite.sql" });

        var body = await JsonAsync(preview);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(["sql/postgresql.sql", "sql/sqlite.sql"], body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.StartsWith("-- Shop, schema version 1: SQLite DDL", body.GetProperty("content").GetString());
        Assert.Empty(Ids(await JsonAsync(await _ana.GetAsync($"/api/code-generation?projectId={_projectId}"))));
        var unknown = await _ana.PostAsJsonAsync("/api/code-generation/preview", new { projectId = _projectId, schemaId = _schemaId, targets = new[] { "sql" }, path = "x.cs" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [InlineData("{\"projectId\":\"PROJECT\",\"schemaId\":\"SCHEMA\",\"targets\":[]}", 400, "targets")]
    [InlineData("{\"projectId\":\"PROJECT\",\"schemaId\":\"SCHEMA\",\"targets\":[\"java\"]}", 400, null)]
    [InlineData("{\"projectId\":\"PROJECT\",\"targets\":[\"sql\"]}", 400, "schemaId")]
    [InlineData("{\"projectId\":\"PROJECT\",\"schemaId\":\"sch_00000000000000000000000000000000\",\"targets\":[\"sql\"]}", 404, null)]
    [InlineData("{\"projectId\":\"PROJECT\",\"schemaId\":\"SCHEMA\",\"version\":99,\"targets\":[\"sql\"]}", 404, null)]
    public async Task BadRequestsAreRefusedWithProblemDetailsAndQueueNothing(string body, int status, string? field)
    {
        var json = body.Replace("PROJECT", _projectId).Replace("SCHEMA", _schemaId);

        var response = await _ana.PostAsync("/api/code-generation", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        await ApiProblem.AssertIsProblemAsync(response);
        if (field is not null) Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(Ids(await JsonAsync(await _ana.GetAsync($"/api/code-generation?projectId={_projectId}"))));
    }

    [Fact]
    public async Task RetryAndCancelAnswerConflictForARunInAnotherStateAndTheDiffComparesRuns()
    {
        var first = await QueueAsync(_ana, ["sql"], version: 1);
        await WaitForFinishedAsync(first);
        var second = await QueueAsync(_ana, ["sql"], version: 2);
        await WaitForFinishedAsync(second);

        Assert.Equal(HttpStatusCode.Conflict, (await _ana.PostAsync($"/api/code-generation/{second}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _ana.PostAsync($"/api/code-generation/{second}/cancel", null)).StatusCode);
        var diff = await JsonAsync(await _ana.GetAsync($"/api/code-generation/{second}/diff?path=sql/sqlite.sql"));
        Assert.Equal(first, diff.GetProperty("previousRunId").GetString());
        Assert.Contains("+CREATE TABLE \"coupon\" (", diff.GetProperty("unifiedDiff").GetString());
    }

    private async Task<string> QueueAsync(HttpClient client, string[] targets, long? version = null)
    {
        var response = await client.PostAsJsonAsync("/api/code-generation", new { projectId = _projectId, schemaId = _schemaId, version, targets });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> WaitForFinishedAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await JsonAsync(await _ana.GetAsync($"/api/code-generation/{id}"));
            if (run.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled") return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run {id} did not finish: {run}");
            await Task.Delay(100);
        }
    }

    private static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

public sealed class SqliteCodeGenerationApiTests() : CodeGenerationApiTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoCodeGenerationApiTests(AwsEmulators emulators) : CodeGenerationApiTests(emulators);
