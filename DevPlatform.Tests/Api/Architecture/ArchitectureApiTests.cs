using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Architecture;

/// <summary>
/// /api/architecture on both backends, served by Kestrel so request body limits are the real ones: the seed's curl
/// commands with real ids, versions and compare, and every bad upload refused with nothing stored.
/// </summary>
public abstract class ArchitectureApiTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private DevPlatformFactory _app = null!;
    private HttpClient _ana = null!;
    private HttpClient _bo = null!;
    private readonly HttpClient _anonymous = new();
    private string _projectId = "";

    public async Task InitializeAsync()
    {
        _app = emulators is null ? new DevPlatformFactory() : DevPlatformFactory.OnAws(emulators);
        var address = _app.StartOnKestrel();
        _ana = Client(address, "ana");
        _bo = Client(address, "bo");
        _projectId = await IdOfAsync(await _ana.PostAsJsonAsync("/api/projects", new { name = "Shop" }));
    }

    private static HttpClient Client(Uri address, string user)
    {
        var client = new HttpClient { BaseAddress = address };
        // As curl does for large bodies: a body the server refuses up front is never sent.
        client.DefaultRequestHeaders.ExpectContinue = true;
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
    public async Task TheSeedsArchitectureCommandsWorkWithRealIds()
    {
        var png = TestFiles.Png(40_000);
        // POST /api/architecture with {"projectId","name","description"} → 201 with id
        var created = await _ana.PostAsJsonAsync("/api/architecture", new { projectId = _projectId, name = "Shop", description = "The web shop" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await IdOfAsync(created);

        // curl -X POST …/api/architecture/test-id/diagram -d '{"projectId":"proj-1","diagramData":"base64-encoded-image","contentType":"image/png"}'
        var upload = await PostJsonAsync(id, Diagram(_projectId, png, "image/png"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.EndsWith($"{id}/diagram.png", (await ApiProblem.JsonAsync(upload)).GetProperty("diagram").GetProperty("key").GetString());

        // curl …/api/architecture/test-id/diagram-url?projectId=proj-1
        var url = await DiagramUrlAsync(id);
        var download = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await _ana.DeleteAsync($"/api/architecture/{id}/diagram?projectId={_projectId}")).StatusCode);
        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/architecture/{id}/diagram-url?projectId={_projectId}"), HttpStatusCode.NotFound);
        Assert.False((await _anonymous.GetAsync(url)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task ADiagramUrlSaysWhenItExpires()
    {
        var id = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(id, Diagram(_projectId, TestFiles.Png(100), "image/png"))).StatusCode);

        var answer = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}/diagram-url?projectId={_projectId}"));

        var expiresAt = answer.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var url = answer.GetProperty("url").GetString()!;
        if (emulators is null) Assert.Contains("expires=", url);
        else Assert.InRange(int.Parse(System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Expires=([0-9]+)").Groups[1].Value), 899, 901);
    }

    [Fact]
    public async Task SavesMakeVersionsThatCanBeListedReadAndCompared()
    {
        var id = await CreateAsync();

        var saved = await _ana.PutAsJsonAsync($"/api/architecture/{id}", new
        {
            version = 1, message = "Add a queue", style = "EventDriven",
            components = new object[] { new { name = "Api", kind = "Service", technology = ".NET" }, new { name = "Bus", kind = "Queue" } },
            connections = new[] { new { from = "Api", to = "Bus", label = "publishes", protocol = "SQS" } },
        });
        var stale = await _ana.PutAsJsonAsync($"/api/architecture/{id}", new { version = 1, name = "Stale" });

        Assert.Equal(2, (await ApiProblem.JsonAsync(saved)).GetProperty("version").GetInt64());
        await ApiProblem.AssertAsync(stale, HttpStatusCode.Conflict);
        var versions = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}/versions"));
        Assert.Equal(["Add a queue", "Created"], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("message").GetString()));
        var first = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}/versions/1"));
        Assert.Equal("Api", first.GetProperty("content").GetProperty("components")[0].GetProperty("name").GetString());
        var diff = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}/compare?from=1&to=2"));
        Assert.Equal("Bus", diff.GetProperty("componentsAdded")[0].GetProperty("name").GetString());
        Assert.Equal("style", diff.GetProperty("fields")[0].GetProperty("field").GetString());
        var listed = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture?projectId={_projectId}"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task TheComponentDiagramIsSvgThatCannotRunScript()
    {
        var id = await CreateAsync("<script>alert(1)</script>");

        var response = await _ana.GetAsync($"/api/architecture/{id}/component-diagram");

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        var svg = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", svg);
        Assert.Contains("&lt;script&gt;", svg);
    }

    [Fact]
    public async Task AnUploadedSvgIsServedSoItCannotRunScript()
    {
        var id = await CreateAsync();
        var svg = TestFiles.Svg("<script>alert(document.cookie)</script>");

        var upload = await RawAsync(id, svg, "image/svg+xml");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var url = await DiagramUrlAsync(id);
        var download = await _anonymous.GetAsync(url);
        Assert.Equal(svg, await download.Content.ReadAsByteArrayAsync());
        if (emulators is not null)
        {
            // S3 serves what the presigned URL asks for (the emulator does not apply it): the URL must ask for a download.
            Assert.Contains("response-content-disposition=attachment", url);
            return;
        }
        var csp = download.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(";", values) : "";
        var attachment = download.Content.Headers.ContentDisposition?.DispositionType == "attachment";
        Assert.True(attachment || csp.Contains("sandbox"), "An SVG must download as an attachment or under a sandboxing CSP.");
        Assert.Contains("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AReplaceOfAnotherTypeThroughTheStreamingRouteRemovesTheOldObject()
    {
        var id = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(id, Diagram(_projectId, TestFiles.Png(100), "image/png"))).StatusCode);
        var old = await DiagramUrlAsync(id);

        var replaced = await RawAsync(id, TestFiles.Jpeg(300_000), "image/jpeg");

        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.False((await _anonymous.GetAsync(old)).IsSuccessStatusCode);
        Assert.Equal(300_000, (await _anonymous.GetByteArrayAsync(await DiagramUrlAsync(id))).Length);
    }

    [Fact]
    public async Task EveryBadUploadIsRefusedWithItsReasonAndStoresNothing()
    {
        var id = await CreateAsync();
        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
        {
            var problem = await ApiProblem.AssertAsync(response, status);
            Assert.Contains(expected, problem.ToString());
        }

        await RefusedAsync(await PostJsonAsync(id, $$"""{"projectId":"{{_projectId}}","diagramData":"not base64!","contentType":"image/png"}"""),
            HttpStatusCode.BadRequest, "diagramData must be base64-encoded bytes.");
        await RefusedAsync(await PostJsonAsync(id, Diagram(_projectId, TestFiles.Jpeg(100), "image/png")), HttpStatusCode.BadRequest,
            "contentType says image/png, but the content is image/jpeg.");
        await RefusedAsync(await PostJsonAsync(id, Diagram(_projectId, TestFiles.Pdf(100), "application/pdf")), HttpStatusCode.BadRequest, "application/pdf");
        await RefusedAsync(await PostJsonAsync(id, Diagram(_projectId, Encoding.UTF8.GetBytes("<html><script>alert(1)</script>"), null)),
            HttpStatusCode.BadRequest, "The diagram must be PNG, JPEG, WebP or SVG");
        await RefusedAsync(await PostJsonAsync(id, Diagram(_projectId, [], "image/png")), HttpStatusCode.BadRequest, "The diagram is empty.");
        await RefusedAsync(await PostJsonAsync(id, $$"""{"projectId":"{{_projectId}}","contentType":"image/png"}"""), HttpStatusCode.BadRequest,
            "diagramData is required");
        await RefusedAsync(await RawAsync(id, TestFiles.Png(20 * 1024 * 1024 + 1), "image/png"), HttpStatusCode.RequestEntityTooLarge,
            "The diagram is larger than 20 MB.");
        await RefusedAsync(await PostJsonAsync(id, Diagram(_projectId, TestFiles.Png(21 * 1024 * 1024), "image/png")), HttpStatusCode.RequestEntityTooLarge,
            "The request body is too large.");

        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/architecture/{id}/diagram-url"), HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Null, (await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}"))).GetProperty("diagram").ValueKind);
    }

    [Fact]
    public async Task UnknownIdsAnotherTeamsIdsAndAnotherProjectsIdAreNotFound()
    {
        var id = await CreateAsync();
        var png = Diagram(_projectId, TestFiles.Png(100), "image/png");
        var otherProject = await IdOfAsync(await _ana.PostAsJsonAsync("/api/projects", new { name = "Other" }));

        await ApiProblem.AssertAsync(await PostJsonAsync("arc_00000000000000000000000000000000", png), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.PostAsync($"/api/architecture/{id}/diagram", new StringContent(png, Encoding.UTF8, "application/json")),
            HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await PostJsonAsync(id, Diagram(otherProject, TestFiles.Png(100), "image/png")), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/architecture/{id}/diagram-url?projectId={otherProject}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/architecture/{id}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/architecture?projectId={_projectId}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.PostAsJsonAsync("/api/architecture", new { projectId = _projectId, name = "Mine" }), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.DeleteAsync($"/api/architecture/{id}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _ana.GetAsync("/api/architecture/arc_00000000000000000000000000000000/versions"), HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Null, (await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}"))).GetProperty("diagram").ValueKind);
    }

    [Fact]
    public async Task AnInconsistentDesignIsRefusedFieldByField()
    {
        var response = await _ana.PostAsJsonAsync("/api/architecture", new
        {
            projectId = _projectId, name = "",
            components = new[] { new { name = "Api" }, new { name = "api" } },
            connections = new[] { new { from = "Api", to = "Nowhere" } },
        });

        var errors = (await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("Name is required.", errors.GetProperty("name")[0].GetString());
        Assert.Equal("Another component is already named 'api'.", errors.GetProperty("components[1].name")[0].GetString());
        Assert.Equal("No component is named 'Nowhere'.", errors.GetProperty("connections[0].to")[0].GetString());
    }

    [Fact]
    public async Task DeletingAnArchitectureRemovesItAndItsDiagram()
    {
        var id = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(id, Diagram(_projectId, TestFiles.Png(100), "image/png"))).StatusCode);
        var url = await DiagramUrlAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, (await _ana.DeleteAsync($"/api/architecture/{id}?version=1")).StatusCode);

        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/architecture/{id}"), HttpStatusCode.NotFound);
        Assert.False((await _anonymous.GetAsync(url)).IsSuccessStatusCode);
    }

    private async Task<string> CreateAsync(string name = "Shop") => await IdOfAsync(await _ana.PostAsJsonAsync("/api/architecture", new
    {
        projectId = _projectId, name, description = "",
        components = new[] { new { name = "Api", kind = "Service", technology = ".NET" } },
    }));

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        var body = await ApiProblem.JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    private static string Diagram(string projectId, byte[] image, string? type) =>
        JsonSerializer.Serialize(new { projectId, diagramData = Convert.ToBase64String(image), contentType = type });

    private async Task<string> DiagramUrlAsync(string id) =>
        (await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/architecture/{id}/diagram-url?projectId={_projectId}"))).GetProperty("url").GetString()!;

    private Task<HttpResponseMessage> PostJsonAsync(string id, string json) =>
        SendRefusableAsync(() => new StringContent(json, Encoding.UTF8, "application/json"), c => _ana.PostAsync($"/api/architecture/{id}/diagram", c));

    private Task<HttpResponseMessage> RawAsync(string id, byte[] body, string type) => SendRefusableAsync(() =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }, c => _ana.PutAsync($"/api/architecture/{id}/diagram?projectId={_projectId}", c));

    /// <summary>Kestrel may answer 413 and close while the body is still being sent; the reset can overtake the answer.</summary>
    private static async Task<HttpResponseMessage> SendRefusableAsync(Func<HttpContent> content, Func<HttpContent, Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send(content());
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(100);
            }
        }
    }
}

public sealed class SqliteArchitectureApiTests() : ArchitectureApiTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoArchitectureApiTests(AwsEmulators emulators) : ArchitectureApiTests(emulators);
