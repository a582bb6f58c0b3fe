using DevPlatform.Core.Activity;
using DevPlatform.Core.Projects;

namespace DevPlatform.Web.Components.Pages.Projects;

/// <summary>
/// What a project's page shows: the project (null when it does not exist for this user) and its history. It is also
/// what the prerender persists into the page for the live circuit.
/// </summary>
public sealed record ProjectDetailState(string UserId, string ProjectId, Project? Project, IReadOnlyList<ActivityRecord> History)
{
    public const int HistoryShown = 20;
}
