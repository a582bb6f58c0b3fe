namespace DevPlatform.Core.Activity;

/// <summary>One thing a user did: who, what, to which target, when, and short summaries of before and after.</summary>
public sealed record ActivityRecord(
    string Id,
    string TeamId,
    string ActorId,
    string ActorName,
    string Action,
    string TargetType,
    string TargetId,
    string TargetName,
    DateTimeOffset At,
    string? Before,
    string? After)
{
    public bool IsCritical => ActivityActions.Critical.Contains(Action);
}

public static class ActivityActions
{
    public const string ProjectCreated = "project_created";
    public const string ProjectUpdated = "project_updated";
    public const string ProjectDeleted = "project_deleted";

    /// <summary>The seed contract's critical activities, also published to the critical-activity topic.</summary>
    public static readonly IReadOnlySet<string> Critical = new HashSet<string>
    {
        "deployment_failed", "deployment_success", ProjectDeleted, "team_member_added", "team_member_removed", "security_alert",
    };
}
