using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;

namespace DevPlatform.Web.Components.Pages.Projects;

/// <summary>
/// What a project's page shows: the project (null when it does not exist for this user) and its history. It is also
/// what the prerender persists into the page for the live circuit. <paramref name="Role"/> is the caller's role in the
/// project's team, which decides what the page offers.
/// </summary>
public sealed record ProjectDetailState(string UserId, string ProjectId, Project? Project, IReadOnlyList<ActivityRecord> History, TeamRole? Role = null)
{
    public const int HistoryShown = 20;
}
