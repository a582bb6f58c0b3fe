using DevPlatform.Core.Activity;

namespace DevPlatform.Web.Components.Shared;

/// <summary>Keeps a short newest-first list of activity up to date from live events, without reading it again.</summary>
public static class RecentActivity
{
    /// <summary>
    /// The list with <paramref name="record"/> in its place by time, at most <paramref name="keep"/> long. A record
    /// already listed (a redelivered event) leaves the list as it is.
    /// </summary>
    public static IReadOnlyList<ActivityRecord> Add(IReadOnlyList<ActivityRecord> newestFirst, ActivityRecord record, int keep) =>
        newestFirst.Any(r => r.Id == record.Id)
            ? newestFirst
            : newestFirst.Append(record).OrderByDescending(r => r.At).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(keep).ToList();
}
