namespace DevPlatform.Tests.Infrastructure;

/// <summary>A fact about Unix file modes: skipped, visibly, where there are none.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file modes do not exist on Windows.";
    }
}
