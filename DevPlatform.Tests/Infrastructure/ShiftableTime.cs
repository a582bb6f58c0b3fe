namespace DevPlatform.Tests.Infrastructure;

/// <summary>The real clock, moved forward by <see cref="Offset"/>: a test lets days pass without waiting for them.</summary>
public sealed class ShiftableTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
