using DevPlatform.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Convergence;

/// <summary>
/// The repair pass: at start and then on a timer, completes the work that writers left owed when they died, and lets
/// adapters sweep what no owed work describes (<see cref="IStorageSweep"/>).
/// </summary>
public sealed class ConvergenceWorker(
    OwedWorkRunner runner, StorageCatalog catalog, StorageReadiness readiness, IEnumerable<IStorageSweep> sweeps, IOptions<ConvergenceOptions> options,
    TimeProvider time, ILogger<ConvergenceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var tables = catalog.Tables.Where(t => t.Indexes.Any(i => i.Name == OwedWorkRunner.IndexName)).Select(t => t.Name).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var table in tables)
            {
                try
                {
                    var repaired = await runner.RepairAsync(table, options.Value.Grace, stoppingToken);
                    if (repaired > 0) logger.LogWarning("The repair pass completed {Count} interrupted writes in {Table}", repaired, table);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // A backend outage must not stop the worker (and with it the app); the next pass tries again.
                    logger.LogError(e, "The repair pass over {Table} failed; it runs again in {Interval}", table, options.Value.Interval);
                }
            }
            foreach (var sweep in sweeps)
            {
                try
                {
                    await sweep.SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Sweeping {Store} failed; it runs again in {Interval}", sweep.GetType().Name, options.Value.Interval);
                }
            }
            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }
}
