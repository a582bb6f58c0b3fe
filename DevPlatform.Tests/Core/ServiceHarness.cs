using DevPlatform.Core;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Core;

/// <summary>
/// Core's real services as the app composes them, on the embedded storage in a temporary folder or on the AWS adapters
/// against the test run's emulators under a fresh prefix. <paramref name="configure"/> may replace services (a port
/// wrapper, say) before the provider is built.
/// </summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public ServiceHarness(AwsEmulators? emulators = null, Action<IServiceCollection>? configure = null)
        : this(emulators is null ? null : AwsSettings(emulators, $"h{Guid.NewGuid().ToString("N")[..10]}-"), configure)
    {
    }

    /// <param name="storage">Storage settings ("Storage:Provider"…); null for a fresh embedded folder of its own.</param>
    public ServiceHarness(IReadOnlyDictionary<string, string>? storage, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Local", ["Storage:Local:DataPath"] = _folder };
        foreach (var (key, value) in storage ?? new Dictionary<string, string>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        configure?.Invoke(services);
        services.AddDevPlatformCore(configuration);
        _services = services.BuildServiceProvider();
    }

    /// <summary>AWS mode on the emulators under <paramref name="prefix"/>, creating what is missing.</summary>
    public static Dictionary<string, string> AwsSettings(AwsEmulators emulators, string prefix) => new()
    {
        ["Storage:Provider"] = "Aws",
        ["Aws:ServiceUrl"] = emulators.ServiceUrl,
        ["Aws:DynamoDbServiceUrl"] = emulators.DynamoDbUrl,
        ["Aws:ResourcePrefix"] = prefix,
        ["Aws:CreateResources"] = "true",
    };

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sets up every table, queue and topic, as the app's start-up does (hosted services are not started).</summary>
    public async Task<ServiceHarness> StartAsync()
    {
        var catalog = Get<StorageCatalog>();
        await Get<IDocumentStore>().EnsureTablesAsync(catalog.Tables);
        await Get<IBlobStore>().EnsureContainerAsync();
        await Get<IMessageQueue>().EnsureQueuesAsync(catalog.Queues);
        await Get<INotificationBus>().EnsureTopicsAsync(catalog.Topics);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
