using DevPlatform.Core.Projects;

namespace DevPlatform.Web.Components.Pages.Projects;

/// <summary>
/// What this screen itself created, changed or deleted lately, laid over every page it loads: the list comes from an
/// index that lags on DynamoDB, and a person must see what they just saved, taken from the save's own answer.
/// </summary>
public sealed class RecentWrites(TimeProvider time)
{
    /// <summary>Far longer than an index takes to catch up; afterwards the index is trusted alone.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, (Project? Project, DateTimeOffset At)> _writes = [];

    public void Saved(Project project) => _writes[project.Id] = (project, time.GetUtcNow());

    public void Deleted(string projectId) => _writes[projectId] = (null, time.GetUtcNow());

    /// <summary>The loaded page with recent writes applied: deleted rows gone, changed rows current, new rows in place.</summary>
    public IReadOnlyList<Project> ApplyTo(IReadOnlyList<Project> page, string? search, bool descending, int pageSize, bool isFirstPage, bool isLastPage)
    {
        foreach (var id in _writes.Where(w => time.GetUtcNow() - w.Value.At > Window).Select(w => w.Key).ToList()) _writes.Remove(id);
        if (_writes.Count == 0) return page;
        var rows = page.Where(p => !_writes.ContainsKey(p.Id)).ToList();
        var prefix = ProjectRules.SearchKey(search ?? "");
        foreach (var (_, (project, _)) in _writes)
        {
            if (project is null || !ProjectRules.SearchKey(project.Name).StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (page.Any(p => p.Id == project.Id) || Within(project, page, descending, isFirstPage, isLastPage)) rows.Add(project);
        }
        var ordered = rows.OrderBy(p => ProjectRules.NameSortKey(p.Name, p.Id), StringComparer.Ordinal).ToList();
        if (descending) ordered.Reverse();
        return ordered.Take(pageSize).ToList();
    }

    /// <summary>Whether a row belongs between this page's first and last rows (or before them on the first page, after on the last).</summary>
    private static bool Within(Project project, IReadOnlyList<Project> page, bool descending, bool isFirstPage, bool isLastPage)
    {
        if (page.Count == 0) return isFirstPage;
        var key = ProjectRules.NameSortKey(project.Name, project.Id);
        int Compare(Project other) => (descending ? -1 : 1) * string.CompareOrdinal(key, ProjectRules.NameSortKey(other.Name, other.Id));
        return (isFirstPage || Compare(page[0]) > 0) && (isLastPage || Compare(page[^1]) < 0);
    }
}
