using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Projects;

public sealed class ProjectsApiTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _factory = new();
    private HttpClient _ana = null!;
    private HttpClient _bo = null!;

    public Task InitializeAsync()
    {
        _ana = _factory.ClientFor("ana");
        _bo = _factory.ClientFor("bo");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CreateAnswers201WithIdVersionAndLocation()
    {
        var response = await _ana.PostAsJsonAsync("/api/projects", new { name = "Billing", description = "Invoices" });

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("prj_", body.GetProperty("id").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal($"/api/projects/{body.GetProperty("id").GetString()}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task GetListAndGetByIdReturnWhatWasCreated()
    {
        var id = await CreateAsync(_ana, "Alpha");

        var list = await Json(await _ana.GetAsync("/api/projects"));
        var one = await Json(await _ana.GetAsync($"/api/projects/{id}"));

        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal(("Alpha", 1L), (one.GetProperty("name").GetString(), one.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task ListPagesWithContinuationTokensAndSearches()
    {
        foreach (var name in new[] { "api-gateway", "api-users", "billing" }) await CreateAsync(_ana, name);

        var first = await Json(await _ana.GetAsync("/api/projects?pageSize=2"));
        var token = first.GetProperty("continuationToken").GetString();
        var second = await Json(await _ana.GetAsync($"/api/projects?pageSize=2&continuationToken={Uri.EscapeDataString(token!)}"));
        var search = await Json(await _ana.GetAsync("/api/projects?search=API&order=desc"));

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal("billing", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
        Assert.Equal(["api-users", "api-gateway"], search.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task PutWithTheCurrentVersionUpdatesAndBumpsTheVersion()
    {
        var id = await CreateAsync(_ana, "Alpha");

        var response = await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "Alpha 2", description = "new", version = 1 });

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Alpha 2", 2L), (body.GetProperty("name").GetString(), body.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task PutWithAStaleVersionAnswers409AndChangesNothing()
    {
        var id = await CreateAsync(_ana, "Alpha");
        await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "Alpha 2", version = 1 });

        var response = await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "Stale write", version = 1 });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        var stored = await Json(await _ana.GetAsync($"/api/projects/{id}"));
        Assert.Equal(("Alpha 2", 2L), (stored.GetProperty("name").GetString(), stored.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task PutWithoutAVersionAnswers400()
    {
        var id = await CreateAsync(_ana, "Alpha");

        var response = await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "No version" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task AnotherTeamsProjectAnswers404ForEveryVerbAndIsLeftAlone()
    {
        var id = await CreateAsync(_ana, "Private");

        await AssertProblemAsync(await _bo.GetAsync($"/api/projects/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _bo.PutAsJsonAsync($"/api/projects/{id}", new { name = "Mine now", version = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _bo.DeleteAsync($"/api/projects/{id}"), HttpStatusCode.NotFound);

        Assert.Equal(0, (await Json(await _bo.GetAsync("/api/projects"))).GetProperty("total").GetInt64());
        Assert.Equal("Private", (await Json(await _ana.GetAsync($"/api/projects/{id}"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task DeleteAnswers204AndTheProjectIsGone()
    {
        var id = await CreateAsync(_ana, "Doomed");

        var response = await _ana.DeleteAsync($"/api/projects/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertProblemAsync(await _ana.GetAsync($"/api/projects/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteWithAStaleVersionAnswers409()
    {
        var id = await CreateAsync(_ana, "Keep");
        await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "Keep 2", version = 1 });

        await AssertProblemAsync(await _ana.DeleteAsync($"/api/projects/{id}?version=1"), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("not json")]
    [InlineData("{\"name\": 42}")]
    public async Task UnreadableJsonAnswers400WithProblemDetails(string body)
    {
        var response = await _ana.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, (await Json(await _ana.GetAsync("/api/projects"))).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyNameAnswers400NamingTheField(string name)
    {
        var problem = await AssertProblemAsync(await _ana.PostAsJsonAsync("/api/projects", new { name }), HttpStatusCode.BadRequest);

        Assert.Equal("Name is required.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task AnOverLongNameAnswers400AndAnEditKeepsTheOldName()
    {
        var id = await CreateAsync(_ana, "Short");

        await AssertProblemAsync(await _ana.PostAsJsonAsync("/api/projects", new { name = new string('n', 101) }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await _ana.PutAsJsonAsync($"/api/projects/{id}", new { name = new string('n', 101), version = 1 }), HttpStatusCode.BadRequest);

        Assert.Equal("Short", (await Json(await _ana.GetAsync($"/api/projects/{id}"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AForgedContinuationTokenAnswers400()
    {
        await AssertProblemAsync(await _ana.GetAsync("/api/projects?continuationToken=forged"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownUserIsOnboardedAndAnAnonymousCallAnswers401()
    {
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/api/projects");
        var newcomer = await _factory.ClientFor("newcomer").GetAsync("/api/projects");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, newcomer.StatusCode);
    }

    [Fact]
    public async Task AboutNamesTheCallerAndTheStorageProvider()
    {
        var about = await Json(await _ana.GetAsync("/api/about"));

        Assert.Equal(("ana", "Local"), (about.GetProperty("userId").GetString(), about.GetProperty("storageProvider").GetString()));
    }

    [Fact]
    public async Task AnUnknownApiRouteAnswers404WithProblemDetails() =>
        await AssertProblemAsync(await _ana.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);

    [Fact]
    public async Task HealthAnswers200WithEachBackendsState()
    {
        var response = await _factory.CreateClient().GetAsync("/health");

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var backend in new[] { "documents", "blobs", "queues", "notifications" })
            Assert.Equal("reachable", body.GetProperty("backends").GetProperty(backend).GetString());
    }

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/projects", new { name, description = "" });
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
