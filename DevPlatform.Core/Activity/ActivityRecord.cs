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
    public const string TeamCreated = "team_created";
    public const string TeamRenamed = "team_renamed";
    public const string MemberAdded = "team_member_added";
    public const string MemberRemoved = "team_member_removed";
    public const string MemberRoleChanged = "team_member_role_changed";
    public const string InvitationSent = "team_invitation_sent";
    public const string InvitationResent = "team_invitation_resent";
    public const string InvitationRevoked = "team_invitation_revoked";
    public const string InvitationDeclined = "team_invitation_declined";
    public const string ApiTokenCreated = "api_token_created";
    public const string ApiTokenRevoked = "api_token_revoked";
    public const string ArchitectureCreated = "architecture_created";
    public const string ArchitectureUpdated = "architecture_updated";
    public const string ArchitectureDeleted = "architecture_deleted";
    public const string ArchitectureDiagramUploaded = "architecture_diagram_uploaded";
    public const string ArchitectureDiagramDeleted = "architecture_diagram_deleted";
    public const string SettingsUpdated = "settings_updated";
    public const string ProfilePictureChanged = "profile_picture_changed";
    public const string ProfilePictureDeleted = "profile_picture_deleted";
    public const string DocumentCreated = "document_created";
    public const string DocumentUpdated = "document_updated";
    public const string DocumentMoved = "document_moved";
    public const string DocumentRestored = "document_restored";
    public const string DocumentDeleted = "document_deleted";
    public const string AttachmentAdded = "attachment_added";
    public const string AttachmentDeleted = "attachment_deleted";
    public const string SchemaCreated = "schema_created";
    public const string SchemaUpdated = "schema_updated";
    public const string SchemaRestored = "schema_restored";
    public const string SchemaDeleted = "schema_deleted";
    public const string CodeGenerationQueued = "code_generation_queued";
    public const string CodeGenerationRetried = "code_generation_retried";
    public const string CodeGenerationCancelled = "code_generation_cancelled";
    public const string CodeGenerationSucceeded = "code_generation_succeeded";
    public const string CodeGenerationFailed = "code_generation_failed";

    /// <summary>The seed contract's critical activities, also published to the critical-activity topic.</summary>
    public static readonly IReadOnlySet<string> Critical = new HashSet<string>
    {
        "deployment_failed", "deployment_success", ProjectDeleted, MemberAdded, MemberRemoved, "security_alert",
    };
}
