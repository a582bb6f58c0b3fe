namespace DevPlatform.Tests.Infrastructure;

/// <summary>The system's time, moved by <see cref="Offset"/>: lets a test make an invitation or a token expire now.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
