using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Documentation;

/// <summary>
/// /api/documentation on both backends, served by Kestrel so body limits are the real ones: the seed's curl commands with
/// real ids, pages with versions and search, and every bad upload refused with nothing stored.
/// </summary>
public abstract class DocumentationApiTests(AwsEmulators? emulators) : IAsyncLifetime
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
        _projectId = (await ApiProblem.JsonAsync(await _ana.PostAsJsonAsync("/api/projects", new { name = "Docs" }))).GetProperty("id").GetString()!;
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
    public async Task TheSeedsAttachmentCommandsWorkWithRealIds()
    {
        var pdf = TestFiles.Pdf(50_000);
        // curl -X POST …/api/documentation -d '{"projectId":"…","title":"…","content":"…"}'
        var created = await _ana.PostAsJsonAsync("/api/documentation", new { projectId = _projectId, title = "Spec", content = "# Spec\n\nThe plan." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var documentId = (await ApiProblem.JsonAsync(created)).GetProperty("id").GetString()!;

        // curl -X POST …/api/documentation/doc-1/attachments -d '{"fileName":"spec.pdf","fileData":"base64-encoded-file","contentType":"application/pdf"}'
        var upload = await _ana.PostAsJsonAsync($"/api/documentation/{documentId}/attachments",
            new { fileName = "spec.pdf", fileData = Convert.ToBase64String(pdf), contentType = "application/pdf" });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachmentId = (await ApiProblem.JsonAsync(upload)).GetProperty("id").GetString()!;

        // curl …/api/documentation/doc-1/attachments/attach-1/url
        var url = await UrlAsync(documentId, attachmentId);
        var download = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // curl -X DELETE …/api/documentation/doc-1/attachments/attach-1
        Assert.Equal(HttpStatusCode.NoContent, (await _ana.DeleteAsync($"/api/documentation/{documentId}/attachments/{attachmentId}")).StatusCode);
        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments/{attachmentId}/url"), HttpStatusCode.NotFound);
        Assert.False((await _anonymous.GetAsync(url)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task ADownloadUrlSaysWhenItExpires()
    {
        var documentId = await CreatePageAsync("Files", "");
        var attachmentId = (await ApiProblem.JsonAsync(await PostJsonAsync(documentId, File("a.pdf", TestFiles.Pdf(100), "application/pdf"))))
            .GetProperty("id").GetString()!;

        var answer = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments/{attachmentId}/url"));

        Assert.InRange(answer.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var url = answer.GetProperty("url").GetString()!;
        if (emulators is null) Assert.Contains("expires=", url);
        else Assert.InRange(int.Parse(System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Expires=([0-9]+)").Groups[1].Value), 899, 901);
    }

    [Fact]
    public async Task TheStreamingRouteTakesARawBodyAndSameNamesAreBothKept()
    {
        var documentId = await CreatePageAsync("Files", "");
        var first = await RawAsync(documentId, "report.bin", new byte[300_000], "application/octet-stream");
        var second = await RawAsync(documentId, "report.bin", [1, 2, 3], "application/octet-stream");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var list = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments"));
        Assert.Equal(["report (2).bin", "report.bin"], list.EnumerateArray().Select(a => a.GetProperty("fileName").GetString()).Order());
        var firstId = (await ApiProblem.JsonAsync(first)).GetProperty("id").GetString()!;
        Assert.Equal(300_000, (await _anonymous.GetByteArrayAsync(await UrlAsync(documentId, firstId))).Length);
    }

    [Theory]
    [InlineData("text/markdown")]
    [InlineData("application/zip")]
    [InlineData("image/jpeg")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task TheStreamingRouteTakesAnyTypeAndKeepsIt(string type)
    {
        var documentId = await CreatePageAsync("Files", "");
        var body = type switch { "application/zip" or "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => TestFiles.Zip(), "image/jpeg" => TestFiles.Jpeg(100), _ => "# Notes"u8.ToArray() };

        var stored = await RawAsync(documentId, "file.bin", body, type);

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(type, (await ApiProblem.JsonAsync(stored)).GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task AFileNamedLikeAnImageButStoredAsAnotherTypeIsNeverShownAsAPage()
    {
        var documentId = await CreatePageAsync("Files", "");
        var html = "<html><script>alert(document.cookie)</script></html>"u8.ToArray();
        var id = (await ApiProblem.JsonAsync(await PostJsonAsync(documentId, File("pic.png", html, "text/html")))).GetProperty("id").GetString()!;

        var url = await UrlAsync(documentId, id);

        if (emulators is null)
        {
            var download = await _anonymous.GetAsync(url);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }
        else
        {
            // S3 sends what the link asks for: the bytes can only be read as the image the name says, never as HTML.
            Assert.Contains("response-content-type=image%2Fpng", url);
        }
    }

    [Fact]
    public async Task EveryBadUploadIsRefusedWithItsReasonAndStoresNothing()
    {
        var documentId = await CreatePageAsync("Files", "");
        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
        {
            var problem = await ApiProblem.AssertAsync(response, status);
            Assert.Contains(expected, problem.ToString());
        }

        await RefusedAsync(await PostJsonAsync(documentId, """{"fileName":"a.pdf","fileData":"not base64!","contentType":"application/pdf"}"""),
            HttpStatusCode.BadRequest, "fileData must be base64-encoded bytes.");
        await RefusedAsync(await PostJsonAsync(documentId, File("a.png", TestFiles.Pdf(100), "image/png")), HttpStatusCode.BadRequest,
            "contentType says image/png, but the content is application/pdf.");
        await RefusedAsync(await PostJsonAsync(documentId, File("a.pdf", [], "application/pdf")), HttpStatusCode.BadRequest, "The file is empty.");
        await RefusedAsync(await PostJsonAsync(documentId, File("../x", TestFiles.Pdf(100), "application/pdf")), HttpStatusCode.BadRequest, "not a path");
        await RefusedAsync(await PostJsonAsync(documentId, File("/etc/passwd", TestFiles.Pdf(100), "application/pdf")), HttpStatusCode.BadRequest, "not a path");
        await RefusedAsync(await PostJsonAsync(documentId, File("a\u0007b.pdf", TestFiles.Pdf(100), "application/pdf")), HttpStatusCode.BadRequest,
            "must not contain control");
        await RefusedAsync(await PostJsonAsync(documentId, """{"fileName":"a.pdf","contentType":"application/pdf"}"""), HttpStatusCode.BadRequest,
            "fileData is required");
        await RefusedAsync(await PostJsonAsync(documentId, File("big.bin", new byte[27 * 1024 * 1024], "application/octet-stream")),
            HttpStatusCode.RequestEntityTooLarge, "The request body is too large.");
        await RefusedAsync(await SendRefusableAsync(() => new StreamContent(new GeneratedStream(101L * 1024 * 1024))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream"), ContentLength = 101L * 1024 * 1024 },
        }, c => _ana.PutAsync($"/api/documentation/{documentId}/attachments?fileName=huge.bin", c)), HttpStatusCode.RequestEntityTooLarge, "too large");

        await RefusedAsync(await RawAsync(documentId, "a.png", TestFiles.Pdf(100), "image/png"), HttpStatusCode.BadRequest, "contentType says image/png");
        await RefusedAsync(await RawAsync(documentId, "empty.bin", [], "application/octet-stream"), HttpStatusCode.BadRequest, "The file is empty.");
        await RefusedAsync(await RawAsync(documentId, "../../etc/passwd", TestFiles.Pdf(100), "application/pdf"), HttpStatusCode.BadRequest, "not a path");
        await RefusedAsync(await RawAsync(documentId, "", TestFiles.Pdf(100), "application/pdf"), HttpStatusCode.BadRequest, "fileName is required.");

        var list = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task UnknownIdsAndAnotherTeamsIdsAreNotFound()
    {
        var documentId = await CreatePageAsync("Private", "secret");
        var attachment = await ApiProblem.JsonAsync(await PostJsonAsync(documentId, File("a.pdf", TestFiles.Pdf(100), "application/pdf")));
        var attachmentId = attachment.GetProperty("id").GetString()!;

        await ApiProblem.AssertAsync(await PostJsonAsync("doc-1", File("a.pdf", TestFiles.Pdf(100), "application/pdf")), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments/attach-1/url"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/documentation/{documentId}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/documentation/{documentId}/attachments/{attachmentId}/url"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.DeleteAsync($"/api/documentation/{documentId}/attachments/{attachmentId}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.PostAsJsonAsync($"/api/documentation/{documentId}/attachments",
            new { fileName = "x.pdf", fileData = Convert.ToBase64String(TestFiles.Pdf(10)), contentType = "application/pdf" }), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/documentation?projectId={_projectId}"), HttpStatusCode.NotFound);
        await ApiProblem.AssertAsync(await _bo.GetAsync($"/api/documentation/search?projectId={_projectId}&q=secret"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PagesAreSavedWithVersionsSearchedAndRenderedSafely()
    {
        var documentId = await CreatePageAsync("Runbook", "Restart the <script>alert(1)</script> worker");
        var saved = await _ana.PutAsJsonAsync($"/api/documentation/{documentId}", new { title = "Runbook", content = "Restart the **queue** worker", version = 1, message = "Bold" });
        var stale = await _ana.PutAsJsonAsync($"/api/documentation/{documentId}", new { title = "Runbook", content = "lost", version = 1 });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await ApiProblem.AssertAsync(stale, HttpStatusCode.Conflict);
        var versions = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/versions"));
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        var v1 = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/versions/1"));
        Assert.Contains("<script>", v1.GetProperty("content").GetString());
        var restored = await _ana.PostAsJsonAsync($"/api/documentation/{documentId}/versions/1/restore", new { version = 2 });
        Assert.Equal(3, (await ApiProblem.JsonAsync(restored)).GetProperty("revision").GetInt32());
        var html = (await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/html"))).GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html);
        var search = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/search?projectId={_projectId}&q=restart%20work"));
        Assert.Equal(documentId, search.GetProperty("items")[0].GetProperty("id").GetString());
        var tree = await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation?projectId={_projectId}"));
        Assert.Equal("Runbook", tree.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task DeletingAPageDeletesItsAttachmentFiles()
    {
        var documentId = await CreatePageAsync("Doomed", "");
        var attachmentId = (await ApiProblem.JsonAsync(await PostJsonAsync(documentId, File("a.pdf", TestFiles.Pdf(100), "application/pdf"))))
            .GetProperty("id").GetString()!;
        var url = await UrlAsync(documentId, attachmentId);

        Assert.Equal(HttpStatusCode.NoContent, (await _ana.DeleteAsync($"/api/documentation/{documentId}")).StatusCode);

        Assert.False((await _anonymous.GetAsync(url)).IsSuccessStatusCode);
        await ApiProblem.AssertAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments"), HttpStatusCode.NotFound);
    }

    private async Task<string> CreatePageAsync(string title, string content) =>
        (await ApiProblem.JsonAsync(await _ana.PostAsJsonAsync("/api/documentation", new { projectId = _projectId, title, content }))).GetProperty("id").GetString()!;

    private async Task<string> UrlAsync(string documentId, string attachmentId) =>
        (await ApiProblem.JsonAsync(await _ana.GetAsync($"/api/documentation/{documentId}/attachments/{attachmentId}/url"))).GetProperty("url").GetString()!;

    private static string File(string name, byte[] bytes, string? type) =>
        JsonSerializer.Serialize(new { fileName = name, fileData = Convert.ToBase64String(bytes), contentType = type });

    private Task<HttpResponseMessage> PostJsonAsync(string documentId, string json) =>
        SendRefusableAsync(() => new StringContent(json, Encoding.UTF8, "application/json"), c => _ana.PostAsync($"/api/documentation/{documentId}/attachments", c));

    private Task<HttpResponseMessage> RawAsync(string documentId, string fileName, byte[] body, string type) => SendRefusableAsync(() =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }, c => _ana.PutAsync($"/api/documentation/{documentId}/attachments?fileName={Uri.EscapeDataString(fileName)}", c));

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

public sealed class SqliteDocumentationApiTests() : DocumentationApiTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoDocumentationApiTests(AwsEmulators emulators) : DocumentationApiTests(emulators);
