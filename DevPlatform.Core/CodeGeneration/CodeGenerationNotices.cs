using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Notifications;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// Notifications on the code-generation topic: every change of a run (for live pages on every instance), and on success
/// the completion notice with where to download. Attributes carry the team, project and the person who started the run,
/// so an SNS subscription can filter on them.
/// </summary>
public static class CodeGenerationNotices
{
    public static string DownloadLink(string runId) => $"/api/code-generation/{runId}/download-url";

    public static string PageLink(CodeGenerationRun run) => $"/code-generation?projectId={run.ProjectId}&runId={run.Id}";

    /// <summary>A change to publish as owed work of the write that made it.</summary>
    public static PublishNotification Changed(CodeGenerationRun run)
    {
        var notice = Notice(run);
        return new PublishNotification(Topics.CodeGeneration, Type(run), DocumentJson.Serialize(notice), Attributes(run));
    }

    /// <summary>Progress, published straight away: it is not owed (the next change supersedes it).</summary>
    public static Task PublishAsync(INotificationBus bus, CodeGenerationRun run, CancellationToken ct) =>
        bus.PublishAsync(new Notification(Topics.CodeGeneration, Type(run), DocumentJson.Serialize(Notice(run))) { Attributes = Attributes(run) }, ct);

    private static CodeGenerationNotice Notice(CodeGenerationRun run)
    {
        var shown = run with { Files = null, Lease = null };
        return run.Status == CodeGenerationStatus.Succeeded
            ? new CodeGenerationNotice(shown, DownloadLink(run.Id), PageLink(run))
            : new CodeGenerationNotice(shown, null, PageLink(run));
    }

    private static string Type(CodeGenerationRun run) => "code_generation_" + CodeGenerationService.Word(run.Status);

    private static Dictionary<string, string> Attributes(CodeGenerationRun run) => new()
    {
        ["teamId"] = run.TeamId, ["projectId"] = run.ProjectId, ["userId"] = run.CreatedBy, ["status"] = CodeGenerationService.Word(run.Status),
    };
}
