using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>Drains this instance's fan-out queue into its subscribers for as long as the app runs.</summary>
public sealed class SnsFanOutListener(SnsNotificationBus bus, StorageReadiness readiness, ILogger<SnsFanOutListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Inside the loop: an exception escaping ExecuteAsync would stop the whole app.
                if (!started) await bus.StartFanOutAsync(stoppingToken);
                started = true;
                await bus.PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Receiving fan-out notifications failed; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await bus.StopFanOutAsync(cancellationToken);
    }
}
