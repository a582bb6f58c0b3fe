namespace DevPlatform.Core.Convergence;

/// <summary>The "Convergence" section: how often the repair pass runs and how old owed work must be before it takes it over.</summary>
public sealed class ConvergenceOptions
{
    public const string Section = "Convergence";

    /// <summary>Between two repair passes (one also runs at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Work younger than this is left to the writer that is still running it.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(30);
}
