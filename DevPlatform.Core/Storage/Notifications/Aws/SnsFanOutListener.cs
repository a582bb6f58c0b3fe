using Amazon.SQS.Model;
using DevPlatform.Core.Storage.Aws;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// Drains this instance's fan-out queue into its subscribers for as long as the app runs, and every
/// <see cref="AwsOptions.FanOutHeartbeatSeconds"/> (first right after start) marks the queue alive and removes
/// the queues of instances that died.
/// </summary>
public sealed class SnsFanOutListener(
    SnsNotificationBus bus, StorageReadiness readiness, AwsOptions options, TimeProvider time, ILogger<SnsFanOutListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var started = false;
        var nextHeartbeat = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Inside the loop: an exception escaping ExecuteAsync would stop the whole app.
                if (!started) await bus.StartFanOutAsync(stoppingToken);
                started = true;
                if (time.GetUtcNow() >= nextHeartbeat)
                {
                    // Moved on before the call, so a failing heartbeat is retried next interval and never starves polling.
                    nextHeartbeat = time.GetUtcNow().AddSeconds(options.FanOutHeartbeatSeconds);
                    await bus.KeepAliveAsync(stoppingToken);
                }
                await bus.PollOnceAsync(stoppingToken);
            }
            catch (QueueDoesNotExistException e) when (!stoppingToken.IsCancellationRequested)
            {
                // Another instance took this one for dead (it was paused longer than the stale limit): start again.
                logger.LogWarning(e, "This instance's fan-out queue was removed; creating it again");
                started = false;
                nextHeartbeat = DateTimeOffset.MinValue;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
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
