using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>The real app in Development on the embedded storage, in a temporary data folder of its own.</summary>
public sealed class DevPlatformFactory(IReadOnlyDictionary<string, string>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:Provider", "Local");
        builder.UseSetting("Storage:Local:DataPath", _dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    /// <summary>The app in AWS mode on the given emulators, creating its own resources under a fresh prefix.</summary>
    public static DevPlatformFactory OnAws(AwsEmulators emulators, string? prefix = null, bool createResources = true) => new(new Dictionary<string, string>
    {
        ["Storage:Provider"] = "Aws",
        ["Aws:ServiceUrl"] = emulators.ServiceUrl,
        ["Aws:DynamoDbServiceUrl"] = emulators.DynamoDbUrl,
        ["Aws:ResourcePrefix"] = prefix ?? $"app{Guid.NewGuid().ToString("N")[..8]}-",
        ["Aws:CreateResources"] = createResources ? "true" : "false",
    });

    public HttpClient ClientFor(string userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("x-dev-user-id", userId);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }
}
