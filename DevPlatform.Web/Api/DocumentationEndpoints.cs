using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Documentation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DevPlatform.Web.Api;

/// <summary>/api/documentation: a project's pages and folders, their versions, search and rendered HTML (attachments in the other part).</summary>
public static partial class DocumentationEndpoints
{
    public static IEndpointRouteBuilder MapDocumentationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documentation").RequireAuthorization().WithTags("Documentation");
        group.MapGet("/", TreeAsync).WithName("ListDocuments").WithSummary("The project's pages and folders as a tree")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateDocument").WithSummary("Create a page (or, with kind Folder, a folder)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/search", SearchAsync).WithName("SearchDocuments").WithSummary("Pages of the project whose title or text has every word of q")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        // "search" is a route of its own, so no other method on /search may fall through to an id route (405, not 404).
        group.MapGet("/{id:regex(^(?!search$))}", GetAsync).WithName("GetDocument").WithSummary("One page or folder with its Markdown; 404 if it is another team's")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/html", HtmlAsync).WithName("GetDocumentHtml").WithSummary("The page rendered to sanitised HTML")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:regex(^(?!search$))}", SaveAsync).WithName("SaveDocument").WithSummary("Save a new title and text (a new version); 409 when version is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/move", MoveAsync).WithName("MoveDocument").WithSummary("Move into a folder (parentId) or to the top (parentId null)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:regex(^(?!search$))}", DeleteAsync).WithName("DeleteDocument")
            .WithSummary("Delete a page with its versions and attachments, or an empty folder (Owner or Admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/versions", VersionsAsync).WithName("ListDocumentVersions").WithSummary("The page's saved versions, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/versions/{number}", VersionAsync).WithName("GetDocumentVersion").WithSummary("One saved version with its text")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/versions/{number}/restore", RestoreAsync).WithName("RestoreDocumentVersion")
            .WithSummary("Save an old version's title and text as a new version; 409 when version is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        MapAttachments(group);
        return routes;
    }

    /// <param name="Kind">Page (the default) or Folder.</param>
    /// <param name="Message">Saved with the first version of a page.</param>
    public sealed record CreateRequest(string? ProjectId, string? Title, string? Content, string? ParentId, DocumentKind? Kind, string? Message);

    public sealed record SaveRequest(string? Title, string? Content, long? Version, string? Message);

    /// <param name="ParentId">The folder to move into; null moves to the top level.</param>
    public sealed record MoveRequest(string? ParentId, long? Version);

    public sealed record VersionRequest(long? Version);

    public sealed record TreeResponse(string ProjectId, IReadOnlyList<DocumentTreeNode> Items);

    public sealed record SearchResponse(string ProjectId, string Query, IReadOnlyList<DocumentSearchHit> Items);

    public sealed record HtmlResponse(string Id, long Version, string Html);

    private static async Task<Ok<TreeResponse>> TreeAsync([Description("The project whose documentation to list.")] string? projectId,
        ClaimsPrincipal user, DocumentService documents, ApiCaller caller, CancellationToken ct)
    {
        var project = Required(projectId, "projectId");
        return TypedResults.Ok(new TreeResponse(project, await documents.ListTreeAsync(caller.Actor(user), project, ct)));
    }

    private static async Task<Created<Document>> CreateAsync(CreateRequest request, ClaimsPrincipal user, DocumentService documents, ApiCaller caller,
        CancellationToken ct)
    {
        var document = await documents.CreateAsync(caller.Actor(user), Required(request.ProjectId, "projectId"),
            new DocumentInput(request.Title, request.Content, request.ParentId, request.Kind ?? DocumentKind.Page), request.Message, ct);
        return TypedResults.Created($"/api/documentation/{document.Id}", document);
    }

    private static async Task<Ok<SearchResponse>> SearchAsync([Description("The project to search.")] string? projectId,
        [Description("Words to find; the last one also matches as a prefix.")] string? q,
        [Description("1 to 50; 20 when absent.")] int? limit, ClaimsPrincipal user, DocumentSearch search, ApiCaller caller, CancellationToken ct)
    {
        var project = Required(projectId, "projectId");
        if (limit is < 1 or > DocumentSearch.MaxResults)
            throw new ValidationFailedException("limit", $"limit must be between 1 and {DocumentSearch.MaxResults}.");
        var hits = await search.SearchAsync(caller.Actor(user), project, q, limit ?? 20, ct);
        return TypedResults.Ok(new SearchResponse(project, q ?? "", hits));
    }

    private static async Task<Ok<Document>> GetAsync(string id, ClaimsPrincipal user, DocumentService documents, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await documents.GetAsync(caller.Actor(user), id, ct));

    private static async Task<Ok<HtmlResponse>> HtmlAsync(string id, ClaimsPrincipal user, DocumentService documents, MarkdownRenderer markdown,
        ApiCaller caller, CancellationToken ct)
    {
        var document = await documents.GetAsync(caller.Actor(user), id, ct);
        return TypedResults.Ok(new HtmlResponse(document.Id, document.Version, markdown.Render(document.Content)));
    }

    private static async Task<Ok<Document>> SaveAsync(string id, SaveRequest request, ClaimsPrincipal user, DocumentService documents, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await documents.SaveAsync(caller.Actor(user), id, request.Title, request.Content, RequiredVersion(request.Version), request.Message, ct));

    private static async Task<Ok<Document>> MoveAsync(string id, MoveRequest request, ClaimsPrincipal user, DocumentService documents, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await documents.MoveAsync(caller.Actor(user), id, request.ParentId, RequiredVersion(request.Version), ct));

    private static async Task<NoContent> DeleteAsync(string id,
        [Description("The version you read (409 if it is stale); absent deletes the current version.")] long? version,
        ClaimsPrincipal user, DocumentService documents, ApiCaller caller, CancellationToken ct)
    {
        await documents.DeleteAsync(caller.Actor(user), id, version, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<DocumentVersionSummary>>> VersionsAsync(string id, ClaimsPrincipal user, DocumentHistory history,
        ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await history.ListAsync(caller.Actor(user), id, ct));

    private static async Task<Ok<DocumentVersion>> VersionAsync(string id, long number, ClaimsPrincipal user, DocumentHistory history, ApiCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(await history.GetAsync(caller.Actor(user), id, number, ct));

    private static async Task<Ok<Document>> RestoreAsync(string id, long number, VersionRequest request, ClaimsPrincipal user, DocumentHistory history,
        ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await history.RestoreAsync(caller.Actor(user), id, number, RequiredVersion(request.Version), ct));

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ValidationFailedException(field, $"{field} is required.") : value;

    private static long RequiredVersion(long? version) => version ??
        throw new ValidationFailedException("version", "version is required: send the version you read, so a concurrent change is not overwritten.");
}
