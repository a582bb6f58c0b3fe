using DevPlatform.Core.Activity;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Web.Components.Pages;

/// <summary>What Home shows. It is also what the prerender persists into the page for the live circuit.</summary>
public sealed record HomeState(string UserId, string TeamId, string DisplayName, long ProjectCount, IReadOnlyList<ActivityRecord> Activity)
{
    public const int ActivityShown = 8;

    /// <summary>Home after a live event of its team: the record listed, the project count moved by it.</summary>
    public HomeState Apply(ActivityRecord record)
    {
        if (record.TeamId != TeamId || Activity.Any(a => a.Id == record.Id)) return this;
        var change = record.Action switch
        {
            ActivityActions.ProjectCreated => 1,
            ActivityActions.ProjectDeleted => -1,
            _ => 0,
        };
        return this with
        {
            ProjectCount = Math.Max(0, ProjectCount + change),
            Activity = RecentActivity.Add(Activity, record, ActivityShown),
        };
    }
}
