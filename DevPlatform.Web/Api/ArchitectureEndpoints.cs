using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>
/// /api/architecture: architectures per project with named versions, their component diagram, and the uploaded diagram
/// image (the seed's routes, in ArchitectureEndpoints.Diagram.cs). A projectId that is not the architecture's project
/// answers 404, as an unknown id does.
/// </summary>
public static partial class ArchitectureEndpoints
{
    public static IEndpointRouteBuilder MapArchitectureEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/architecture").RequireAuthorization().WithTags("Architecture");
        group.MapGet("/", ListAsync).WithName("ListArchitectures").WithSummary("A page of a project's architectures, by name")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateArchitecture").WithSummary("Create an architecture in a project (version 1)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetAsync).WithName("GetArchitecture").WithSummary("An architecture as it is now; 404 if it is another team's")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateArchitecture")
            .WithSummary("Save a new version; fields left out keep their value; 409 when version is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteArchitecture").WithSummary("Delete an architecture, its versions and its files (Owner or Admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/versions", ListVersionsAsync).WithName("ListArchitectureVersions").WithSummary("The saved versions, newest first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/versions/{number}", GetVersionAsync).WithName("GetArchitectureVersion").WithSummary("One saved version")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/compare", CompareAsync).WithName("CompareArchitectureVersions")
            .WithSummary("What changed between two versions: fields, components and connections added, removed and changed")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/component-diagram", ComponentDiagramAsync).WithName("GetArchitectureComponentDiagram")
            .WithSummary("The component diagram drawn from the metadata, as SVG (the current version, or ?version=)")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        MapDiagramEndpoints(group);
        return routes;
    }

    private const string ProjectIdWords = "The architecture's project; another project's id answers 404.";

    /// <param name="Version">On update: the version you read (required); a stale one answers 409.</param>
    /// <param name="Message">What this version changes, shown in the history.</param>
    public sealed record ArchitectureRequest(string? ProjectId, string? Name, string? Description, ArchitectureStyle? Style,
        IReadOnlyList<ComponentInput>? Components, IReadOnlyList<ConnectionInput>? Connections, string? Message, long? Version);

    public sealed record ArchitectureListResponse(IReadOnlyList<ArchitectureSummary> Items, string? ContinuationToken);

    private static async Task<Ok<ArchitectureListResponse>> ListAsync(ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller,
        [Description("The project whose architectures to list (required).")] string? projectId,
        [Description("1 to 100; 50 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(projectId)) throw new ValidationFailedException("projectId", "projectId is required: the project whose architectures to list.");
        var page = await architectures.ListAsync(caller.Actor(user), projectId, PageSize(pageSize), continuationToken, ct);
        return TypedResults.Ok(new ArchitectureListResponse(page.Items, page.ContinuationToken));
    }

    private static async Task<Ok<ArchitectureDesign>> GetAsync(string id, [Description(ProjectIdWords)] string? projectId, ClaimsPrincipal user,
        ArchitectureService architectures, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await architectures.GetAsync(caller.Actor(user), id, projectId, ct));

    private static async Task<Created<ArchitectureDesign>> CreateAsync(ArchitectureRequest request, ClaimsPrincipal user,
        ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.ProjectId)) throw new ValidationFailedException("projectId", "projectId is required: the project the architecture belongs to.");
        var design = await architectures.CreateAsync(caller.Actor(user), request.ProjectId, Input(request), request.Message, ct);
        return TypedResults.Created($"/api/architecture/{design.Id}", design);
    }

    private static async Task<Ok<ArchitectureDesign>> UpdateAsync(string id, ArchitectureRequest request, ClaimsPrincipal user,
        ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        if (request.Version is not { } version)
            throw new ValidationFailedException("version", "version is required: send the version you read, so a concurrent change is not overwritten.");
        var actor = caller.Actor(user);
        // A projectId in the body must be the architecture's own (it cannot move to another project).
        if (request.ProjectId is not null) await architectures.GetAsync(actor, id, request.ProjectId, ct);
        return TypedResults.Ok(await architectures.UpdateAsync(actor, id, Input(request), version, request.Message, ct));
    }

    private static async Task<NoContent> DeleteAsync(string id,
        [Description("The version you read (409 if it is stale); absent deletes whatever is current.")] long? version,
        ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        await architectures.DeleteAsync(caller.Actor(user), id, version, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ArchitectureVersionPage>> ListVersionsAsync(string id, [Description("1 to 100; 50 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await architectures.ListVersionsAsync(caller.Actor(user), id, PageSize(pageSize), continuationToken, ct));

    private static async Task<Ok<ArchitectureVersion>> GetVersionAsync(string id, long number, ClaimsPrincipal user, ArchitectureService architectures,
        ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await architectures.GetVersionAsync(caller.Actor(user), id, number, ct));

    private static async Task<Ok<ArchitectureDiff>> CompareAsync(string id, [Description("The older version's number.")] long? from,
        [Description("The newer version's number.")] long? to, ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        if (from is null || to is null) throw new ValidationFailedException(from is null ? "from" : "to", "from and to are required: the two version numbers to compare.");
        return TypedResults.Ok(await architectures.CompareAsync(caller.Actor(user), id, from.Value, to.Value, ct));
    }

    private static async Task<ContentHttpResult> ComponentDiagramAsync(string id, [Description("A version number; the current version when absent.")] long? version,
        [Description(ProjectIdWords)] string? projectId, ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, HttpResponse response,
        CancellationToken ct)
    {
        var svg = await architectures.RenderComponentDiagramAsync(caller.Actor(user), id, version, projectId, ct);
        // Drawn by us with every name escaped; opened on its own it still may not run anything.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(svg, "image/svg+xml; charset=utf-8");
    }

    private static ArchitectureInput Input(ArchitectureRequest request) =>
        new(request.Name, request.Description, request.Style, request.Components, request.Connections);

    private static int PageSize(int? pageSize) => pageSize switch
    {
        null => 50,
        >= 1 and <= ArchitectureRules.MaxPageSize => pageSize.Value,
        _ => throw new ValidationFailedException("pageSize", $"pageSize must be between 1 and {ArchitectureRules.MaxPageSize}."),
    };
}
