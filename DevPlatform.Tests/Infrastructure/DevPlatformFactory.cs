using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>The real app in Development on the embedded storage, in a temporary data folder of its own.</summary>
/// <param name="ownsData">False when the data folder (given in settings) belongs to another factory, which deletes it.</param>
/// <param name="configureServices">Test-only service changes (a startup filter, a decorated port).</param>
public sealed class DevPlatformFactory(IReadOnlyDictionary<string, string>? settings = null, string environment = "Development", bool ownsData = true,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The embedded data folder, for a second instance on the same data.</summary>
    public string DataPath => _dataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:Provider", "Local");
        builder.UseSetting("Storage:Local:DataPath", _dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (configureServices is not null) builder.ConfigureServices(configureServices);
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
        if (ownsData && Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }
}
