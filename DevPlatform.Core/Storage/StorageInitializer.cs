using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage;

/// <summary>
/// Sets up every backend before the app serves requests. If a backend is unreachable at start (AWS down, an
/// emulator not up yet) the app still starts, reports 503 on /health, and keeps retrying here.
/// </summary>
public sealed class StorageInitializer(
    StorageCatalog catalog, IDocumentStore documents, IBlobStore blobs, IMessageQueue queues, INotificationBus notifications,
    StorageReadiness readiness, ILogger<StorageInitializer> logger) : IHostedService
{
    // Not disposed on purpose: a host may dispose services before it calls StopAsync, and a source without a
    // timer holds nothing that needs releasing.
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryInitializeAsync(cancellationToken)) return;
        _retries = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retries is not null) await Task.WhenAny(_retries, Task.Delay(Timeout.Infinite, cancellationToken));
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(2);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (await TryInitializeAsync(ct)) return;
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
        }
    }

    private async Task<bool> TryInitializeAsync(CancellationToken ct)
    {
        try
        {
            await documents.EnsureTablesAsync(catalog.Tables, ct);
            await blobs.EnsureContainerAsync(ct);
            await queues.EnsureQueuesAsync(catalog.Queues, ct);
            await notifications.EnsureTopicsAsync(catalog.Topics, ct);
            readiness.MarkReady();
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Setting up storage failed; the app reports unhealthy and retries");
            readiness.MarkFailed(e.Message);
            return false;
        }
    }
}
