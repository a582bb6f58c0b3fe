using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Schemas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>
/// /api/schema: a project's schemas, every save an immutable version. The body of a create or a save is the schema's JSON
/// text view — <c>{"projectId","name","message","entities":[{"name","fields":[…],"relations":[…],"indexes":[…]}]}</c> —
/// and a save adds <c>baseVersion</c>, the version it was made on (409 when someone saved since; nothing is stored).
/// </summary>
public static class SchemaEndpoints
{
    /// <summary>A schema as JSON is small (256 KB stored at most); this leaves room for indentation and refuses a flood unread.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSchemaEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/schema").RequireAuthorization().WithTags("Schema");
        group.MapGet("/", ListAsync).WithName("ListSchemas").WithSummary("A page of a project's schemas, by name")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateSchema")
            .WithSummary("Create a schema as version 1: {projectId, name, message?, entities: [{name, fields, relations, indexes}]} → 201 with id")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id}", GetAsync).WithName("GetSchema").WithSummary("The latest version of a schema, or ?version=n; 404 if it is another team's")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", SaveAsync).WithName("SaveSchemaVersion")
            .WithSummary("Save a new version: {baseVersion, name, message?, entities} replaces the whole schema; 409 when baseVersion is not the latest")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteSchema").WithSummary("Delete a schema with every version (Owner or Admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/versions", VersionsAsync).WithName("ListSchemaVersions").WithSummary("The saved versions, newest first: number, author, message, time")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/diff", DiffAsync).WithName("DiffSchemaVersions")
            .WithSummary("What changed from version from to version to: entities, fields, relations and indexes added, removed and changed, breaking ones flagged")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/versions/{number}/restore", RestoreAsync).WithName("RestoreSchemaVersion")
            .WithSummary("Save version number again as a new version: {baseVersion, message?}; 409 when baseVersion is not the latest")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/er-diagram", DiagramAsync).WithName("GetSchemaErDiagram")
            .WithSummary("The entity-relationship diagram drawn from the schema, as SVG (the latest version, or ?version=)")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <param name="ProjectId">The project the schema belongs to.</param>
    /// <param name="Message">What this version is, shown in the history ("Created" when absent).</param>
    /// <param name="Entities">Each with name, fields (name, type, required, maxLength, unique, default, values), relations (name, kind, target, required) and indexes (name, fields, unique).</param>
    public sealed record CreateSchemaRequest(string? ProjectId, string? Name, string? Message, IReadOnlyList<EntityInput?>? Entities);

    /// <param name="BaseVersion">The version your change was made on (required); if another was saved since, the answer is 409 and nothing is stored.</param>
    /// <param name="ProjectId">Optional; when sent it must be the schema's own project.</param>
    /// <param name="Entities">The whole schema as it is to be: what is left out is removed.</param>
    public sealed record SaveSchemaRequest(long? BaseVersion, string? ProjectId, string? Name, string? Message, IReadOnlyList<EntityInput?>? Entities);

    /// <param name="BaseVersion">The latest version as you read it (required).</param>
    public sealed record RestoreSchemaRequest(long? BaseVersion, string? Message);

    public sealed record SchemaListResponse(IReadOnlyList<SchemaSummary> Items, string? ContinuationToken);

    private static async Task<Ok<SchemaListResponse>> ListAsync([Description("The project whose schemas to list (required).")] string? projectId,
        [Description("1 to 100; 50 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, CancellationToken ct)
    {
        var project = Required(projectId, "projectId", "the project whose schemas to list");
        var page = await schemas.ListAsync(caller.Actor(user), project, PageSize(pageSize, 50), continuationToken, ct);
        return TypedResults.Ok(new SchemaListResponse(page.Items, page.ContinuationToken));
    }

    private static async Task<Created<SchemaDocument>> CreateAsync(CreateSchemaRequest request, ClaimsPrincipal user, SchemaService schemas,
        ApiCaller caller, CancellationToken ct)
    {
        var project = Required(request.ProjectId, "projectId", "the project the schema belongs to");
        var created = await schemas.CreateAsync(caller.Actor(user), project, new SchemaInput(request.Name, request.Entities), request.Message, ct);
        return TypedResults.Created($"/api/schema/{created.Id}", created);
    }

    private static async Task<Ok<SchemaDocument>> GetAsync(string id, [Description("A version number; the latest when absent.")] long? version,
        [Description("The schema's project; another project's id answers 404.")] string? projectId,
        ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await schemas.GetAsync(caller.Actor(user), id, version, projectId, ct));

    private static async Task<Ok<SchemaDocument>> SaveAsync(string id, SaveSchemaRequest request, ClaimsPrincipal user, SchemaService schemas,
        ApiCaller caller, CancellationToken ct)
    {
        var baseVersion = request.BaseVersion ?? throw new ValidationFailedException("baseVersion",
            "baseVersion is required: send the version your change was made on, so a change saved meanwhile is not overwritten.");
        return TypedResults.Ok(await schemas.SaveAsync(caller.Actor(user), id, new SchemaInput(request.Name, request.Entities), baseVersion, request.Message,
            request.ProjectId, ct));
    }

    private static async Task<NoContent> DeleteAsync(string id,
        [Description("The latest version as you read it (409 if another was saved since); absent deletes whatever is latest.")] long? version,
        ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, CancellationToken ct)
    {
        await schemas.DeleteAsync(caller.Actor(user), id, version, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SchemaVersionPage>> VersionsAsync(string id, [Description("1 to 100; 20 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await schemas.ListVersionsAsync(caller.Actor(user), id, PageSize(pageSize, 20), continuationToken, ct));

    private static async Task<Ok<SchemaDiff>> DiffAsync(string id, [Description("The version to compare from (required).")] long? from,
        [Description("The version to compare to (required).")] long? to, ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, CancellationToken ct)
    {
        if (from is null || to is null)
            throw new ValidationFailedException(from is null ? "from" : "to", "from and to are required: the two version numbers to compare.");
        return TypedResults.Ok(await schemas.DiffAsync(caller.Actor(user), id, from.Value, to.Value, ct));
    }

    private static async Task<Ok<SchemaDocument>> RestoreAsync(string id, long number, RestoreSchemaRequest request, ClaimsPrincipal user,
        SchemaService schemas, ApiCaller caller, CancellationToken ct)
    {
        var baseVersion = request.BaseVersion ?? throw new ValidationFailedException("baseVersion",
            "baseVersion is required: send the latest version as you read it, so a change saved meanwhile is not buried.");
        return TypedResults.Ok(await schemas.RestoreAsync(caller.Actor(user), id, number, baseVersion, request.Message, ct));
    }

    private static async Task<ContentHttpResult> DiagramAsync(string id, [Description("A version number; the latest when absent.")] long? version,
        [Description("The schema's project; another project's id answers 404.")] string? projectId,
        ClaimsPrincipal user, SchemaService schemas, ApiCaller caller, HttpResponse response, CancellationToken ct)
    {
        var svg = await schemas.RenderDiagramAsync(caller.Actor(user), id, version, projectId, ct);
        // Drawn by us with every name escaped; opened on its own it still may not run anything.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(svg, "image/svg+xml; charset=utf-8");
    }

    private static string Required(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ValidationFailedException(field, $"{field} is required: {what}.") : value;

    private static int PageSize(int? pageSize, int fallback) => pageSize switch
    {
        null => fallback,
        >= 1 and <= SchemaRules.MaxPageSize => pageSize.Value,
        _ => throw new ValidationFailedException("pageSize", $"pageSize must be between 1 and {SchemaRules.MaxPageSize}."),
    };
}
