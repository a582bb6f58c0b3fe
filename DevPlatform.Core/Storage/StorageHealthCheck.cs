using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevPlatform.Core.Storage;

/// <summary>Healthy when storage was set up and every backend answers its probe within five seconds.</summary>
public sealed class StorageHealthCheck(IEnumerable<IBackendProbe> probes, StorageReadiness readiness, StorageOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, object> { ["provider"] = options.Provider.ToString() };
        var results = await Task.WhenAll(probes.Select(async probe => (probe.Backend, Error: await ProbeAsync(probe, cancellationToken))));
        foreach (var (backend, error) in results) states[backend] = error is null ? "reachable" : $"unreachable: {error}";
        if (!readiness.IsReady) states["setup"] = $"not finished: {readiness.LastError ?? "in progress"}";
        var healthy = readiness.IsReady && results.All(r => r.Error is null);
        return healthy ? HealthCheckResult.Healthy("All backends reachable", states) : HealthCheckResult.Unhealthy("A backend is unreachable", data: states);
    }

    private static async Task<string?> ProbeAsync(IBackendProbe probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await probe.ProbeAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}
