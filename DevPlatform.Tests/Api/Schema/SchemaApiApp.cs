using System.Net.Http.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Schema;

/// <summary>
/// One app per test class and backend, served by Kestrel so body limits are the real ones. Tests make a project of their
/// own, so sharing the app never lets one see another's schemas.
/// </summary>
public abstract class SchemaApiApp(AwsEmulators? emulators) : IAsyncLifetime
{
    private DevPlatformFactory _app = null!;

    public HttpClient Ana { get; private set; } = null!;
    public HttpClient Bo { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _app = emulators is null ? new DevPlatformFactory() : DevPlatformFactory.OnAws(emulators);
        var address = _app.StartOnKestrel();
        (Ana, Bo) = (Client(address, "ana"), Client(address, "bo"));
        return Task.CompletedTask;
    }

    public async Task<string> NewProjectAsync()
    {
        var response = await Ana.PostAsJsonAsync("/api/projects", new { name = "Shop" });
        response.EnsureSuccessStatusCode();
        return (await ApiProblem.JsonAsync(response)).GetProperty("id").GetString()!;
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
        Ana.Dispose();
        Bo.Dispose();
        await _app.DisposeAsync();
    }
}

public sealed class SqliteSchemaApiApp() : SchemaApiApp(null);

public sealed class DynamoSchemaApiApp(AwsEmulators emulators) : SchemaApiApp(emulators);
