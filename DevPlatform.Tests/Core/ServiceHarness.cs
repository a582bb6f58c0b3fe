using DevPlatform.Core;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Aws;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    /// <summary>The harness with the documents port wrapped (a fault injector, a lagging index) around the backend's own adapter.</summary>
    public static ServiceHarness WithDocuments(AwsEmulators? emulators, Func<IDocumentStore, IDocumentStore> wrap, Action<IServiceCollection>? configure = null) =>
        new(emulators, services =>
        {
            services.AddSingleton(sp => wrap(emulators is null
                ? sp.GetRequiredService<SqliteDocumentStore>()
                : sp.GetRequiredService<DynamoDocumentStore>()));
            configure?.Invoke(services);
        });

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

    /// <summary>A new instance of <typeparamref name="T"/> built from the harness's services (a second worker, say).</summary>
    public T Create<T>() where T : notnull => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>
    /// Starts Core's hosted services as the app does (storage set-up, the repair pass, AWS fan-out) and waits until a
    /// notification published now reaches a subscriber, so tests of live updates do not race the fan-out's start.
    /// </summary>
    public async Task<ServiceHarness> StartAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);
        await Get<StorageReadiness>().WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await WaitForNotificationsAsync();
        return this;
    }

    private async Task WaitForNotificationsAsync()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Get<INotificationBus>();
        using var subscription = bus.Subscribe(Topics.RoleChanges, (n, _) =>
        {
            if (n.Type == "harness-probe") received.TrySetResult();
            return Task.CompletedTask;
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!received.Task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Notifications did not start flowing.");
            await bus.PublishAsync(new Notification(Topics.RoleChanges, "harness-probe", "{}"));
            await Task.WhenAny(received.Task, Task.Delay(500));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>().Reverse()) await service.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
