using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>/api/projects: the Projects area over HTTP, for scripts and the seed contract's curl commands.</summary>
public static class ProjectsEndpoints
{
    public static IEndpointRouteBuilder MapProjectsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects").RequireAuthorization().WithTags("Projects");
        group.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("A page of the team's projects, by name")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateProject").WithSummary("Create a project")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetAsync).WithName("GetProject").WithSummary("One project; 404 if it is another team's")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateProject").WithSummary("Update a project; 409 when version is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteProject").WithSummary("Delete a project (Owner or Admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private const string TeamIdWords = "The team to work in; the caller's personal team when absent.";

    public sealed record ProjectRequest(string? Name, string? Description, long? Version);

    public sealed record ProjectListResponse(IReadOnlyList<Project> Items, string? ContinuationToken, long Total);

    private static async Task<Ok<ProjectListResponse>> ListAsync(ClaimsPrincipal user, ProjectService projects, ApiCaller caller,
        [Description(TeamIdWords)] string? teamId,
        [Description("Matches the start of a name, ignoring case.")] string? search,
        [Description("asc (the default) or desc, by name.")] string? order,
        [Description("1 to 100; 20 when absent.")] int? pageSize,
        [Description("The continuationToken of the previous page; absent for the first page.")] string? continuationToken,
        CancellationToken ct)
    {
        var actor = caller.Actor(user);
        var page = await projects.ListAsync(actor, await caller.TeamIdAsync(actor, teamId, ct), new ProjectListQuery
        {
            Search = search,
            Descending = order switch
            {
                null or "asc" => false,
                "desc" => true,
                _ => throw new ValidationFailedException("order", "order must be 'asc' or 'desc'."),
            },
            PageSize = pageSize switch
            {
                null => 20,
                >= 1 and <= ProjectRules.MaxPageSize => pageSize.Value,
                _ => throw new ValidationFailedException("pageSize", $"pageSize must be between 1 and {ProjectRules.MaxPageSize}."),
            },
            ContinuationToken = continuationToken,
        }, ct);
        return TypedResults.Ok(new ProjectListResponse(page.Items, page.ContinuationToken, page.TotalInTeam));
    }

    private static async Task<Ok<Project>> GetAsync(string id, ClaimsPrincipal user, ProjectService projects, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await projects.GetAsync(caller.Actor(user), id, ct));

    private static async Task<Created<Project>> CreateAsync(ProjectRequest request, string? teamId, ClaimsPrincipal user,
        ProjectService projects, ApiCaller caller, HttpContext context, CancellationToken ct)
    {
        var actor = caller.Actor(user);
        var project = await projects.CreateAsync(actor, await caller.TeamIdAsync(actor, teamId, ct),
            new ProjectInput(request.Name, request.Description), IdempotencyKey.Read(context.Request), ct);
        return TypedResults.Created($"/api/projects/{project.Id}", project);
    }

    private static async Task<Ok<Project>> UpdateAsync(string id, ProjectRequest request, ClaimsPrincipal user,
        ProjectService projects, ApiCaller caller, CancellationToken ct)
    {
        if (request.Version is null)
            throw new ValidationFailedException("version", "version is required: send the version you read, so a concurrent change is not overwritten.");
        return TypedResults.Ok(await projects.UpdateAsync(caller.Actor(user), id, new ProjectInput(request.Name, request.Description), request.Version.Value, ct));
    }

    private static async Task<NoContent> DeleteAsync(string id,
        [Description("The version you read (409 if it is stale); absent deletes the current version.")] long? version, ClaimsPrincipal user, ProjectService projects, ApiCaller caller, CancellationToken ct)
    {
        await projects.DeleteAsync(caller.Actor(user), id, version, ct);
        return TypedResults.NoContent();
    }
}
