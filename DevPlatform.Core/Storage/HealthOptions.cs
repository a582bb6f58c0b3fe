namespace DevPlatform.Core.Storage;

/// <summary>The "Health" configuration section: how GET /health probes the backends.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long one round of probes answers every /health call; 0 probes on every call.</summary>
    public double CacheSeconds { get; set; } = 5;

    /// <summary>A backend that has not answered its probe in this time counts as unreachable.</summary>
    public double ProbeTimeoutSeconds { get; set; } = 5;
}
