using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Storage;

/// <summary>
/// Healthy when storage was set up and every backend answers its probe. One round of probes answers every caller for
/// <see cref="HealthOptions.CacheSeconds"/> (callers arriving while it runs share it), so a flood of /health calls
/// never reaches the backends. A failure is logged here and reported only as "unreachable": exception text can carry
/// account ids, ARNs and host names.
/// </summary>
public sealed class StorageHealthCheck(
    IEnumerable<IBackendProbe> probes, StorageReadiness readiness, StorageOptions storage, IOptions<HealthOptions> options,
    TimeProvider time, ILogger<StorageHealthCheck> logger) : IHealthCheck
{
    public const string ProviderKey = "provider";
    public const string SetupKey = "setup";

    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _round;
    private DateTimeOffset _roundEndedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> round;
        lock (_lock)
        {
            var fresh = _round is { IsCompleted: false }
                || (_round is not null && time.GetUtcNow() - _roundEndedAt < TimeSpan.FromSeconds(options.Value.CacheSeconds));
            if (!fresh) _round = ProbeAllAsync();
            round = _round!;
        }
        // A caller that gives up stops waiting; the shared round goes on for the others.
        return round.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAllAsync()
    {
        var results = await Task.WhenAll(probes.Select(async probe => (probe.Backend, Reachable: await ProbeAsync(probe))));
        var states = new Dictionary<string, object>
        {
            [ProviderKey] = storage.Provider.ToString(),
            [SetupKey] = readiness.IsReady ? "finished" : "not finished",
        };
        foreach (var (backend, reachable) in results) states[backend] = reachable ? "reachable" : "unreachable";
        lock (_lock) _roundEndedAt = time.GetUtcNow();
        return readiness.IsReady && results.All(r => r.Reachable)
            ? HealthCheckResult.Healthy("All backends reachable", states)
            : HealthCheckResult.Unhealthy("A backend is unreachable or storage is not set up", data: states);
    }

    private async Task<bool> ProbeAsync(IBackendProbe probe)
    {
        // Not the caller's token: the round is shared, and one caller hanging up must not fail it for the rest.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds));
        try
        {
            await probe.ProbeAsync(timeout.Token);
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Health probe of {Backend} failed", probe.Backend);
            return false;
        }
    }
}
