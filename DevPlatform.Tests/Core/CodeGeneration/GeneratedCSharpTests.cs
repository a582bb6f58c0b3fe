using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>The generated minimal API, built and running: its endpoints answer as its README says.</summary>
public sealed class GeneratedCSharpTests(GeneratedCSharpApp app) : IClassFixture<GeneratedCSharpApp>
{
    private HttpClient Api => app.Client;

    [Fact]
    public void BuildsWithoutWarnings() => Assert.Contains("0 Warning(s)", app.BuildOutput);

    [Fact]
    public async Task HealthAnswersHealthy()
    {
        var health = await Api.GetFromJsonAsync<JsonObject>("/health");

        Assert.Equal("Healthy", (string?)health!["status"]);
    }

    [Fact]
    public async Task CreateThenGetAndListReturnTheRecordWithItsDefaults()
    {
        var created = await CreateAsync("/api/customers", new { email = $"{Guid.NewGuid():N}@example.com", displayName = "Ana" });

        Assert.Equal((true, "standard"), ((bool?)created["isActive"], (string?)created["tier"]));
        var id = (string)created["id"]!;
        var read = await Api.GetFromJsonAsync<JsonObject>($"/api/customers/{id}");
        Assert.Equal("Ana", (string?)read!["displayName"]);
        var list = await Api.GetFromJsonAsync<JsonArray>("/api/customers?limit=1000");
        Assert.Contains(list!, c => (string?)c!["id"] == id);
    }

    [Fact]
    public async Task InvalidInputAnswers400WithTheBrokenRulesPerField()
    {
        var response = await Api.PostAsJsonAsync("/api/customers", new { email = new string('a', 321), tier = "diamond", referredById = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["displayName", "email", "referredById", "tier"], errors.Select(e => e.Key).Order());
        Assert.Equal("email must be at most 320 characters.", (string?)errors["email"]![0]);
        Assert.Equal("tier must be one of: standard, gold, platinum.", (string?)errors["tier"]![0]);
    }

    [Fact]
    public async Task UnreadableBodyAndUnknownIdAnswerProblemDetails()
    {
        var unreadable = await Api.PostAsync("/api/orders", new StringContent("{\"number\": \"many\"}", System.Text.Encoding.UTF8, "application/json"));
        var missing = await Api.GetAsync($"/api/orders/{Guid.NewGuid()}");

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (unreadable.StatusCode, unreadable.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (missing.StatusCode, missing.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task RelationsAreCheckedAndDeletesOfReferencedRecordsRefused()
    {
        var customer = await CreateAsync("/api/customers", new { email = $"{Guid.NewGuid():N}@example.com", displayName = "Bo" });
        var order = await CreateAsync("/api/orders", new
        {
            number = Random.Shared.NextInt64(1, long.MaxValue), placedAt = DateTimeOffset.UtcNow, total = 12.5m, customerId = customer["id"]!.GetValue<string>(),
        });
        Assert.Equal("pending", (string?)order["status"]);

        var refused = await Api.DeleteAsync($"/api/customers/{customer["id"]}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/orders/{order["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/customers/{customer["id"]}")).StatusCode);
    }

    [Fact]
    public async Task ManyToManyIdsAndUniqueValuesAreKept()
    {
        var tag = await CreateAsync("/api/tags", new { label = $"t{Guid.NewGuid():N}" });
        var category = await CreateAsync("/api/categories", new { name = $"c{Guid.NewGuid():N}"[..30] });
        var sku = $"s{Guid.NewGuid():N}"[..20];
        var product = await CreateAsync("/api/products", new
        {
            sku, name = "Mug", categoryId = (string)category["id"]!, tagIds = new[] { (string)tag["id"]!, (string)tag["id"]! },
            attributes = new { colour = "blue", sizes = new[] { 1, 2 } },
        });

        Assert.Equal([(string)tag["id"]!], product["tagIds"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("blue", (string?)product["attributes"]!["colour"]);
        var duplicate = await Api.PostAsJsonAsync("/api/products", new { sku, name = "Cup", categoryId = (string)category["id"]! });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.DeleteAsync($"/api/tags/{tag["id"]}")).StatusCode);
    }

    [Fact]
    public async Task AnEntityNamedLikeTheProjectsOwnStoreWorks()
    {
        var store = await CreateAsync("/api/stores", new { label = "Lisbon" });

        Assert.Equal("Lisbon", (string?)store["label"]);
        Assert.Empty(store["productIds"]!.AsArray());
    }

    [Fact]
    public async Task UpdateReplacesTheRecord()
    {
        var tag = await CreateAsync("/api/tags", new { label = $"t{Guid.NewGuid():N}" });

        var updated = await Api.PutAsJsonAsync($"/api/tags/{tag["id"]}", new { label = "renamed-" + Guid.NewGuid().ToString("N")[..8] });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.StartsWith("renamed-", (string?)(await updated.Content.ReadFromJsonAsync<JsonObject>())!["label"]);
    }

    private async Task<JsonObject> CreateAsync(string route, object body)
    {
        var response = await Api.PostAsJsonAsync(route, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {route}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
