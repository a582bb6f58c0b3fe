using System.Net;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api;

public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _factory = new();
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void TheDocumentDescribesEveryApiRouteAndNothingElse()
    {
        var mapped = ApiRoutes.Discover(_factory.Services).Select(r => r.ToString()).ToHashSet();
        var documented = Operations().Select(o => $"{o.Method} {o.Path}").ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public void EveryOperationDocumentsItsErrorsAsProblemDetails()
    {
        foreach (var (method, path, operation) in Operations())
        {
            var responses = operation.GetProperty("responses");
            var expected = new List<string> { "500" };
            if (operation.TryGetProperty("parameters", out _) || operation.TryGetProperty("requestBody", out _)) expected.Add("400");
            if (operation.TryGetProperty("requestBody", out _)) expected.Add("415");
            if (path.Contains('{')) expected.Add("404");
            foreach (var status in expected)
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not document {status}.");
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not problem details.");
            }
        }
    }

    [Fact]
    public void EveryOperationThatNeedsAUserDocuments401AndTheDevelopmentHeader()
    {
        var needUser = ApiRoutes.Discover(_factory.Services).Where(r => r.NeedsUser).Select(r => r.ToString()).ToHashSet();
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("DevUserId");

        Assert.Equal(("apiKey", "header", "x-dev-user-id"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        foreach (var (method, path, operation) in Operations().Where(o => needUser.Contains($"{o.Method} {o.Path}")))
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} does not document 401.");
            Assert.Contains(operation.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("DevUserId", out _));
        }
    }

    [Fact]
    public void RequestBodiesAndQueryParametersAreDescribed()
    {
        var create = Operation("POST", "/api/projects");
        var list = Operation("GET", "/api/projects");

        Assert.Equal("#/components/schemas/ProjectRequest",
            create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(["teamId", "search", "order", "pageSize", "continuationToken"],
            list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.True(Operation("PUT", "/api/projects/{id}").GetProperty("responses").TryGetProperty("409", out _));
    }

    [Fact]
    public async Task TheApiReferencePageServesItsScriptFromTheApp()
    {
        var client = _factory.CreateClient();

        var page = await client.GetAsync("/api-reference");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/api-reference/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        Assert.DoesNotContain("cdn.", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch" or "head" or "options")
            .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)));

    private JsonElement Operation(string method, string path) => Operations().Single(o => o.Method == method && o.Path == path).Operation;
}
