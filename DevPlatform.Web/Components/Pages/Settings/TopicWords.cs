using DevPlatform.Core.Settings;

namespace DevPlatform.Web.Components.Pages.Settings;

/// <summary>How the Settings page names each notification topic.</summary>
public static class TopicWords
{
    public static string Title(NotificationTopic topic) => topic switch
    {
        NotificationTopic.CriticalActivity => "Critical activity",
        NotificationTopic.DeploymentStatus => "Deployment status",
        NotificationTopic.Invitations => "Invitations",
        NotificationTopic.RoleChanges => "Role changes",
        _ => topic.ToString(),
    };

    public static string Description(NotificationTopic topic) => topic switch
    {
        NotificationTopic.CriticalActivity => "Failed deployments, deleted projects, people joining or leaving, security alerts",
        NotificationTopic.DeploymentStatus => "Each deployment as it goes live, fails or is cancelled",
        NotificationTopic.Invitations => "Invitations to join a team",
        NotificationTopic.RoleChanges => "Your role in a team changing",
        _ => "",
    };
}
