using DevPlatform.Core;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Core;

/// <summary>Core's real services over the embedded storage in a temporary folder, as the app composes them.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public ServiceHarness()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Local", ["Storage:Local:DataPath"] = _folder })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDevPlatformCore(configuration);
        _services = services.BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<ServiceHarness> StartAsync()
    {
        await Get<IDocumentStore>().EnsureTablesAsync(Get<StorageCatalog>().Tables);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
