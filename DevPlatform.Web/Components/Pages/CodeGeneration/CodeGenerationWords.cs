using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.CodeGeneration;

/// <summary>How the page names targets and statuses.</summary>
public static class CodeGenerationWords
{
    public static string Of(CodeTarget target) => target switch
    {
        CodeTarget.CSharp => "C# minimal API",
        CodeTarget.TypeScript => "TypeScript client",
        CodeTarget.Sql => "SQL DDL",
        _ => "OpenAPI 3.1",
    };

    public static string Of(CodeGenerationStatus status) => status switch
    {
        CodeGenerationStatus.Queued => "Queued",
        CodeGenerationStatus.Running => "Running",
        CodeGenerationStatus.Succeeded => "Succeeded",
        CodeGenerationStatus.Failed => "Failed",
        _ => "Cancelled",
    };

    public static Color ColorOf(CodeGenerationStatus status) => status switch
    {
        CodeGenerationStatus.Queued => Color.Default,
        CodeGenerationStatus.Running => Color.Info,
        CodeGenerationStatus.Succeeded => Color.Success,
        CodeGenerationStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    public static int Percent(CodeGenerationRun run) => run.Status == CodeGenerationStatus.Succeeded ? 100
        : run.Progress is { FilesTotal: > 0 } p ? (int)(100L * p.FilesDone / p.FilesTotal) : 0;

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B" : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes / 1048576.0:0.##} MB";

    /// <summary>
    /// The CSS class of a unified-diff line: the two file names that open it, added, removed, a hunk header or context.
    /// Only the first two lines are file names: a removed SQL comment ("-- …") also starts with "---".
    /// </summary>
    public static string DiffLineClass(string line, int index) => index < 2 ? "diff-file"
        : line.StartsWith("@@", StringComparison.Ordinal) ? "diff-hunk" : line.StartsWith('+') ? "diff-add" : line.StartsWith('-') ? "diff-remove" : "diff-context";
}
