using DevPlatform.Core.CodeGeneration;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Web.Components.Pages.CodeGeneration;

/// <summary>The runs list ("all" or "mine"), the open run, live notices, download, retry, cancel and the diff.</summary>
public sealed partial class CodeGenerationScreen
{
    /// <summary>How long a run this page queued is kept in the list though the (lagging) index does not list it yet.</summary>
    private static readonly TimeSpan RecentWriteWindow = TimeSpan.FromMinutes(1);

    private List<CodeGenerationRun> _runs = [];

    public bool ShowMine { get; private set; }

    /// <summary>The runs shown, newest first: the index's page with the runs this page queued or heard of laid over it.</summary>
    public IReadOnlyList<CodeGenerationRun> Runs => ShowMine ? _runs.Where(r => r.CreatedBy == _actor?.UserId).ToList() : _runs;

    public string? SelectedRunId { get; private set; }
    public CodeGenerationRun? SelectedRun => _runs.FirstOrDefault(r => r.Id == SelectedRunId);

    public CodeGenerationDiff? Diff { get; private set; }

    public async Task ShowMineAsync(bool mine)
    {
        ShowMine = mine;
        Error = await LoadRunsAsync();
    }

    /// <summary>Reads the list again, keeping runs known here that the index has not caught up with.</summary>
    public async Task<string?> LoadRunsAsync()
    {
        if (ProjectId is null) return null;
        var result = await DomainCall.RunAsync(() => runs.ListAsync(Actor, ProjectId, ShowMine, 50));
        if (result.Value is not { } page) return result.Error;
        var listed = page.Items.ToDictionary(r => r.Id);
        var recent = _runs.Where(r => !listed.ContainsKey(r.Id) && r.CreatedAt > DateTimeOffset.UtcNow - RecentWriteWindow);
        _runs = [.. page.Items.Select(r => Newer(r, _runs.FirstOrDefault(k => k.Id == r.Id))).Concat(recent).OrderByDescending(r => r.CreatedAt)];
        return null;
    }

    /// <summary>A run's change heard live (or answered by a write): replaces the shown run unless what is shown is newer.</summary>
    public bool Apply(CodeGenerationRun run)
    {
        if (run.ProjectId != ProjectId) return false;
        var index = _runs.FindIndex(r => r.Id == run.Id);
        if (index < 0) _runs.Insert(0, run);
        else _runs[index] = Newer(run, _runs[index]);
        _runs.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        return true;
    }

    public async Task OpenRunAsync(string runId)
    {
        var result = await DomainCall.RunAsync(() => runs.GetAsync(Actor, runId));
        if (result.Value is not { } run)
        {
            Error = result.Error;
            return;
        }
        if (run.ProjectId != ProjectId) await SelectProjectAsync(run.ProjectId);
        Apply(run);
        (SelectedRunId, Diff) = (run.Id, null);
    }

    public void CloseRun() => (SelectedRunId, Diff) = (null, null);

    /// <returns>A fresh download link, or null (then <see cref="Error"/> says why).</returns>
    public async Task<string?> DownloadUrlAsync(string runId)
    {
        var result = await DomainCall.RunAsync(() => runs.GetDownloadUrlAsync(Actor, runId));
        Error = result.Error;
        return result.Succeeded ? result.Value.Url.OriginalString : null;
    }

    public async Task RetryAsync(string runId) => await ChangeAsync(() => runs.RetryAsync(Actor, runId));

    public async Task CancelAsync(string runId) => await ChangeAsync(() => runs.CancelAsync(Actor, runId));

    /// <summary>Compares the open run with the previous run of its schema; with <paramref name="path"/>, that file's unified diff.</summary>
    public async Task LoadDiffAsync(string? path = null)
    {
        if (SelectedRunId is not { } id) return;
        Busy = true;
        var result = await DomainCall.RunAsync(() => runs.DiffAsync(Actor, id, path));
        (Diff, Error, Busy) = (result.Value ?? Diff, result.Error, false);
    }

    public void ClearError() => Error = null;

    private async Task ChangeAsync(Func<Task<CodeGenerationRun>> change)
    {
        Busy = true;
        var result = await DomainCall.RunAsync(change);
        (Error, Busy) = (result.Error, false);
        if (result.Value is { } run) Apply(run);
    }

    private static CodeGenerationRun Newer(CodeGenerationRun candidate, CodeGenerationRun? shown) =>
        shown is null || candidate.UpdatedAt >= shown.UpdatedAt ? candidate with { Files = null } : shown;
}
