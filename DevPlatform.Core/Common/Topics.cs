namespace DevPlatform.Core.Common;

/// <summary>The notification topics (SNS topics in AWS mode).</summary>
public static class Topics
{
    /// <summary>Every activity record, for live screens.</summary>
    public const string Activity = "activity";
    /// <summary>Activities named in <see cref="Activity.ActivityActions.Critical"/>, for alerting.</summary>
    public const string CriticalActivity = "critical-activity";
    public const string DeploymentStatus = "deployment-status";
    public const string TeamInvitations = "team-invitations";
    public const string RoleChanges = "role-changes";
    /// <summary>Code-generation runs as they move (queued, running with per-file progress, finished with a download link).</summary>
    public const string CodeGeneration = "code-generation";

    public static readonly IReadOnlyList<string> All = [Activity, CriticalActivity, DeploymentStatus, TeamInvitations, RoleChanges, CodeGeneration];
}
