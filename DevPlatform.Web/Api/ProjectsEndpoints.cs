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
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return routes;
    }

    public sealed record ProjectRequest(string? Name, string? Description, long? Version);

    public sealed record ProjectListResponse(IReadOnlyList<Project> Items, string? ContinuationToken, long Total);

    private static async Task<Ok<ProjectListResponse>> ListAsync(ClaimsPrincipal user, ProjectService projects, ApiCaller caller,
        string? teamId, string? search, string? order, int? pageSize, string? continuationToken, CancellationToken ct)
    {
        var actor = caller.Actor(user);
        var page = await projects.ListAsync(actor, teamId ?? caller.DefaultTeamId(actor), new ProjectListQuery
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
        var project = await projects.CreateAsync(actor, teamId ?? caller.DefaultTeamId(actor),
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

    private static async Task<NoContent> DeleteAsync(string id, long? version, ClaimsPrincipal user, ProjectService projects, ApiCaller caller, CancellationToken ct)
    {
        await projects.DeleteAsync(caller.Actor(user), id, version, ct);
        return TypedResults.NoContent();
    }
}
