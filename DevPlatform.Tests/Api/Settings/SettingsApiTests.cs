using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Settings;

/// <summary>
/// /api/settings on both backends, served by Kestrel so request body limits are the real ones: the seed's curl
/// commands with real data, every bad upload refused with nothing stored, and settings saved with versions.
/// </summary>
public abstract class SettingsApiTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private DevPlatformFactory _app = null!;
    private HttpClient _ana = null!;
    private readonly HttpClient _anonymous = new();

    public Task InitializeAsync()
    {
        _app = emulators is null ? new DevPlatformFactory() : DevPlatformFactory.OnAws(emulators);
        var address = _app.StartOnKestrel();
        _ana = new HttpClient { BaseAddress = address };
        // As curl does for large bodies: a body the server refuses up front is never sent.
        _ana.DefaultRequestHeaders.ExpectContinue = true;
        _ana.DefaultRequestHeaders.Add("x-dev-user-id", "ana");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _ana.Dispose();
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TheSeedsProfilePictureCommandsWorkWithARealImage()
    {
        var jpeg = TestFiles.Jpeg(20_000);

        // curl -X POST …/api/settings/profile-picture -d '{"imageData":"base64-encoded-image","contentType":"image/jpeg"}'
        var upload = await _ana.PostAsJsonAsync("/api/settings/profile-picture", new { imageData = Convert.ToBase64String(jpeg), contentType = "image/jpeg" });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.True((await ApiProblem.JsonAsync(upload)).GetProperty("hasUploadedPicture").GetBoolean());

        // curl …/api/settings/profile-picture/url
        var url = await PictureUrlAsync();
        var download = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(jpeg, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);

        // curl -X DELETE …/api/settings/profile-picture
        Assert.Equal(HttpStatusCode.NoContent, (await _ana.DeleteAsync("/api/settings/profile-picture")).StatusCode);
        await ApiProblem.AssertAsync(await _ana.GetAsync("/api/settings/profile-picture/url"), HttpStatusCode.NotFound);
        Assert.False((await _anonymous.GetAsync(url)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task ADownloadUrlSaysWhenItExpires()
    {
        await UploadAsync(TestFiles.Png(100), "image/png");

        var answer = await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings/profile-picture/url"));

        var expiresAt = answer.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var url = answer.GetProperty("url").GetString()!;
        if (emulators is null) Assert.Contains("expires=", url);
        else Assert.InRange(int.Parse(System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Expires=([0-9]+)").Groups[1].Value), 899, 901);
    }

    [Fact]
    public async Task ReplacingThePictureRemovesTheOldObject()
    {
        await UploadAsync(TestFiles.Png(100), "image/png");
        var first = await PictureUrlAsync();

        await UploadAsync(TestFiles.WebP(200), "image/webp");

        Assert.False((await _anonymous.GetAsync(first)).IsSuccessStatusCode);
        var second = await _anonymous.GetAsync(await PictureUrlAsync());
        Assert.Equal("image/webp", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheStreamingRouteTakesARawBody()
    {
        var content = new ByteArrayContent(TestFiles.Png(300_000));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var response = await _ana.PutAsync("/api/settings/profile-picture", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(300_000, (await _anonymous.GetByteArrayAsync(await PictureUrlAsync())).Length);
    }

    [Fact]
    public async Task EveryBadUploadIsRefusedWithItsReasonAndStoresNothing()
    {
        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
        {
            var problem = await ApiProblem.AssertAsync(response, status);
            Assert.Contains(expected, problem.ToString());
        }

        await RefusedAsync(await PostJsonAsync("""{"imageData":"not base64!","contentType":"image/png"}"""), HttpStatusCode.BadRequest,
            "imageData must be base64-encoded bytes.");
        await RefusedAsync(await PostJsonAsync(Picture(TestFiles.Jpeg(100), "image/png")), HttpStatusCode.BadRequest,
            "contentType says image/png, but the content is image/jpeg.");
        await RefusedAsync(await PostJsonAsync(Picture(TestFiles.Svg(), "image/svg+xml")), HttpStatusCode.BadRequest, "image/svg+xml is not accepted");
        await RefusedAsync(await PostJsonAsync(Picture(Encoding.UTF8.GetBytes("<html><script>alert(1)</script>"), null)), HttpStatusCode.BadRequest,
            "The picture must be PNG, JPEG or WebP, and its content is none of these.");
        await RefusedAsync(await PostJsonAsync(Picture([], "image/png")), HttpStatusCode.BadRequest, "The picture is empty.");
        await RefusedAsync(await PostJsonAsync("""{"contentType":"image/png"}"""), HttpStatusCode.BadRequest, "imageData is required");
        await RefusedAsync(await RawAsync(TestFiles.Png(5 * 1024 * 1024 + 1), "image/png"), HttpStatusCode.RequestEntityTooLarge,
            "The picture is larger than 5 MB.");
        await RefusedAsync(await PostJsonAsync(Picture(TestFiles.Png(6 * 1024 * 1024), "image/png")), HttpStatusCode.RequestEntityTooLarge,
            "The request body is too large.");

        await ApiProblem.AssertAsync(await _ana.GetAsync("/api/settings/profile-picture/url"), HttpStatusCode.NotFound);
        Assert.False((await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"))).GetProperty("hasUploadedPicture").GetBoolean());
    }

    [Fact]
    public async Task PictureAndDownloadAddressesCanOnlyBeRead()
    {
        await ApiProblem.AssertAsync(await _ana.PostAsync("/blobs/profile-pictures/ana/1.png", null), HttpStatusCode.MethodNotAllowed);
        await ApiProblem.AssertAsync(await _ana.DeleteAsync("/pictures/ana/1"), HttpStatusCode.MethodNotAllowed);
        Assert.Equal(HttpStatusCode.NotFound, (await _ana.GetAsync("/pictures/ana/not-a-stamp")).StatusCode);
    }

    [Fact]
    public async Task SettingsAreSavedWithTheVersionTheyWereReadAt()
    {
        var read = await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"));
        var version = read.GetProperty("version").GetInt64();

        var saved = await _ana.PutAsJsonAsync("/api/settings", new
        {
            displayName = "Ana L.", timeZone = "Europe/Lisbon", theme = "dark", version,
            notifications = new Dictionary<string, object> { ["deployment-status"] = new { inApp = false, email = true } },
            notificationEmail = "Ana@Example.com",
        });
        var stale = await _ana.PutAsJsonAsync("/api/settings", new { displayName = "Other", version });

        var body = await ApiProblem.JsonAsync(saved);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("Ana L.", "Europe/Lisbon", "dark", "ana@example.com"), (body.GetProperty("displayName").GetString(),
            body.GetProperty("timeZone").GetString(), body.GetProperty("theme").GetString(), body.GetProperty("notificationEmail").GetString()));
        Assert.False(body.GetProperty("notifications").GetProperty("deployment-status").GetProperty("inApp").GetBoolean());
        Assert.True(body.GetProperty("notifications").GetProperty("critical-activity").GetProperty("inApp").GetBoolean());
        await ApiProblem.AssertAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("Ana L.", (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"))).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task ATopicOrFieldLeftOutKeepsWhatIsStored()
    {
        var version = (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"))).GetProperty("version").GetInt64();
        await _ana.PutAsJsonAsync("/api/settings", new
        {
            version, notificationEmail = "ana@example.com",
            notifications = new Dictionary<string, object> { ["invitations"] = new { inApp = false, email = true } },
        });

        var saved = await ApiProblem.JsonAsync(await _ana.PutAsJsonAsync("/api/settings", new
        {
            version = version + 1, notifications = new Dictionary<string, object> { ["role-changes"] = new { email = true } },
        }));

        var topics = saved.GetProperty("notifications");
        Assert.Equal((false, true), (topics.GetProperty("invitations").GetProperty("inApp").GetBoolean(), topics.GetProperty("invitations").GetProperty("email").GetBoolean()));
        Assert.Equal((true, true), (topics.GetProperty("role-changes").GetProperty("inApp").GetBoolean(), topics.GetProperty("role-changes").GetProperty("email").GetBoolean()));
    }

    [Theory]
    [InlineData("""{"invitations":null}""", "notifications.invitations", "must be an object")]
    [InlineData("""{"Invitations":{"inApp":true}}""", "notifications.Invitations", "use one of critical-activity, deployment-status, invitations, role-changes")]
    public async Task AMalformedTopicIsNamedInTheAnswerAndNothingIsStored(string topics, string field, string expected)
    {
        var before = await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"));
        var version = before.GetProperty("version").GetInt64();

        var response = await _ana.PutAsync("/api/settings", new StringContent($$"""{"notifications":{{topics}},"version":{{version}}}""", Encoding.UTF8, "application/json"));

        var errors = (await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains(expected, errors.GetProperty(field)[0].GetString());
        Assert.Equal(version, (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"))).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task InvalidSettingsAreRefusedFieldByField()
    {
        var version = (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings"))).GetProperty("version").GetInt64();

        var response = await _ana.PutAsJsonAsync("/api/settings", new
        {
            displayName = " ", timeZone = "Mars/Olympus", version,
            notifications = new Dictionary<string, object> { ["invitations"] = new { inApp = true, email = true } },
        });

        var errors = (await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("Display name is required.", errors.GetProperty("displayName")[0].GetString());
        Assert.Contains("is not a time zone", errors.GetProperty("timeZone")[0].GetString());
        Assert.Contains("Enter the email address", errors.GetProperty("notificationEmail")[0].GetString());
    }

    private async Task UploadAsync(byte[] image, string type) =>
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(Picture(image, type))).StatusCode);

    private static string Picture(byte[] image, string? type) => JsonSerializer.Serialize(new { imageData = Convert.ToBase64String(image), contentType = type });

    private Task<HttpResponseMessage> PostJsonAsync(string json) =>
        SendRefusableAsync(() => new StringContent(json, Encoding.UTF8, "application/json"), c => _ana.PostAsync("/api/settings/profile-picture", c));

    private Task<HttpResponseMessage> RawAsync(byte[] body, string type) => SendRefusableAsync(() =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }, c => _ana.PutAsync("/api/settings/profile-picture", c));

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

    private async Task<string> PictureUrlAsync() =>
        (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/settings/profile-picture/url"))).GetProperty("url").GetString()!;
}

public sealed class SqliteSettingsApiTests() : SettingsApiTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoSettingsApiTests(AwsEmulators emulators) : SettingsApiTests(emulators);
