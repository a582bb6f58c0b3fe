using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>
/// /api/code-generation: runs as queued jobs (POST answers 202 with the run; a worker takes it from the queue), the
/// project's runs and the caller's own, one run's status and progress, a fresh download link, a preview that queues
/// nothing, retry and cancel, and the diff against the previous run.
/// </summary>
public static class CodeGenerationEndpoints
{
    public static IEndpointRouteBuilder MapCodeGenerationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/code-generation").RequireAuthorization().WithTags("Code generation");
        group.MapPost("/", EnqueueAsync).WithName("QueueCodeGeneration")
            .WithSummary("Queue a run: 202 with the run (its id, status queued); a worker generates the archive")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListCodeGenerations").WithSummary("A project's runs, newest first (mine=true: only the caller's)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/preview", PreviewAsync).WithName("PreviewCodeGeneration")
            .WithSummary("The files a run would generate and one file's content, generated now and stored nowhere")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        // "preview" is a route of its own, so a GET of /preview is a 405, not a search for a run named "preview".
        group.MapGet("/{id:regex(^(?!preview$))}", GetAsync).WithName("GetCodeGeneration").WithSummary("A run: its status, progress, error and archive")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/download-url", DownloadUrlAsync).WithName("GetCodeGenerationDownloadUrl")
            .WithSummary("A time-limited download link of a succeeded run's zip; 409 before it has one")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/retry", RetryAsync).WithName("RetryCodeGeneration").WithSummary("Queue a failed run again (202); 409 unless it failed")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/cancel", CancelAsync).WithName("CancelCodeGeneration").WithSummary("Cancel a queued run; 409 once a worker started it")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/diff", DiffAsync).WithName("DiffCodeGeneration")
            .WithSummary("Files added, removed and changed since the previous succeeded run of the same schema; ?path= adds a unified diff")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <param name="ProjectId">The project the run belongs to (required).</param>
    /// <param name="SchemaId">A schema of that project (required).</param>
    /// <param name="Version">The schema version to generate from; the latest when absent.</param>
    /// <param name="Targets">One or more of csharp, typescript, sql, openapi.</param>
    public sealed record CodeGenerationRequest(string? ProjectId, string? SchemaId, long? Version, IReadOnlyList<CodeTarget>? Targets);

    /// <param name="Path">The file whose content to return; the first file when absent.</param>
    public sealed record PreviewRequest(string? ProjectId, string? SchemaId, long? Version, IReadOnlyList<CodeTarget>? Targets, string? Path);

    private static async Task<Accepted<CodeGenerationRun>> EnqueueAsync(CodeGenerationRequest request, ClaimsPrincipal user, CodeGenerationService runs,
        ApiCaller caller, CancellationToken ct)
    {
        var (projectId, schemaId) = Required(request.ProjectId, request.SchemaId);
        var run = await runs.EnqueueAsync(caller.Actor(user), projectId, schemaId, request.Version, request.Targets ?? [], ct);
        return TypedResults.Accepted($"/api/code-generation/{run.Id}", run);
    }

    private static async Task<Ok<CodeGenerationPage>> ListAsync(ClaimsPrincipal user, CodeGenerationService runs, ApiCaller caller,
        [Description("The project whose runs to list (required).")] string? projectId,
        [Description("true: only the runs the caller started.")] bool? mine,
        [Description("1 to 100; 20 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(projectId)) throw new ValidationFailedException("projectId", "projectId is required: the project whose runs to list.");
        var size = pageSize switch
        {
            null => 20,
            >= 1 and <= CodeGenerationService.MaxPageSize => pageSize.Value,
            _ => throw new ValidationFailedException("pageSize", $"pageSize must be between 1 and {CodeGenerationService.MaxPageSize}."),
        };
        return TypedResults.Ok(await runs.ListAsync(caller.Actor(user), projectId, mine == true, size, continuationToken, ct));
    }

    private static async Task<Ok<CodeGenerationPreview>> PreviewAsync(PreviewRequest request, ClaimsPrincipal user, CodeGenerationService runs,
        ApiCaller caller, CancellationToken ct)
    {
        var (projectId, schemaId) = Required(request.ProjectId, request.SchemaId);
        return TypedResults.Ok(await runs.PreviewAsync(caller.Actor(user), projectId, schemaId, request.Version, request.Targets ?? [], request.Path, ct));
    }

    private static async Task<Ok<CodeGenerationRun>> GetAsync(string id, ClaimsPrincipal user, CodeGenerationService runs, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await runs.GetAsync(caller.Actor(user), id, ct));

    private static async Task<Ok<DownloadUrlResponse>> DownloadUrlAsync(string id, HttpRequest request, ClaimsPrincipal user, CodeGenerationService runs,
        ApiCaller caller, CancellationToken ct)
    {
        var (url, expiresAt) = await runs.GetDownloadUrlAsync(caller.Actor(user), id, ct);
        return TypedResults.Ok(DownloadUrlResponse.For(request, url, expiresAt));
    }

    private static async Task<Accepted<CodeGenerationRun>> RetryAsync(string id, ClaimsPrincipal user, CodeGenerationService runs, ApiCaller caller,
        CancellationToken ct)
    {
        var run = await runs.RetryAsync(caller.Actor(user), id, ct);
        return TypedResults.Accepted($"/api/code-generation/{run.Id}", run);
    }

    private static async Task<Ok<CodeGenerationRun>> CancelAsync(string id, ClaimsPrincipal user, CodeGenerationService runs, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await runs.CancelAsync(caller.Actor(user), id, ct));

    private static async Task<Ok<CodeGenerationDiff>> DiffAsync(string id, [Description("A file to show as a unified diff.")] string? path,
        ClaimsPrincipal user, CodeGenerationService runs, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await runs.DiffAsync(caller.Actor(user), id, path, ct));

    private static (string ProjectId, string SchemaId) Required(string? projectId, string? schemaId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(projectId)) errors["projectId"] = ["projectId is required: the project to generate for."];
        if (string.IsNullOrEmpty(schemaId)) errors["schemaId"] = ["schemaId is required: the schema to generate from."];
        return errors.Count > 0 ? throw new ValidationFailedException(errors) : (projectId!, schemaId!);
    }
}
