using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;
using DevPlatform.Core.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Api;

/// <summary>The seed's diagram image routes (base64 JSON upload, download URL), a streaming upload and a delete.</summary>
public static partial class ArchitectureEndpoints
{
    private static void MapDiagramEndpoints(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/diagram", UploadBase64Async).WithName("UploadArchitectureDiagram")
            .WithSummary($"Upload the diagram image as base64 JSON (PNG, JPEG, WebP or SVG up to 20 MB; body up to {UploadLimits.DiagramJsonBody / UploadPolicy.MiB} MB)")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.DiagramJsonBody))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPut("/{id}/diagram", UploadStreamAsync).WithName("StreamArchitectureDiagram")
            .WithSummary("Upload the diagram image as the raw request body, its type in Content-Type (for large files)")
            .Accepts<Stream>("image/*", FileTypes.WithAliases(FileTypes.Png, FileTypes.Jpeg, FileTypes.WebP, FileTypes.Svg))
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.StreamBody(UploadPolicy.Diagram)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id}/diagram-url", GetDiagramUrlAsync).WithName("GetArchitectureDiagramUrl")
            .WithSummary("A time-limited download URL of the diagram image").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}/diagram", DeleteDiagramAsync).WithName("DeleteArchitectureDiagram").WithSummary("Delete the diagram image and its stored file")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="ProjectId">The architecture's project; another project's id answers 404.</param>
    /// <param name="DiagramData">The image's bytes, base64-encoded.</param>
    /// <param name="ContentType">image/png, image/jpeg, image/webp or image/svg+xml; checked against the bytes.</param>
    public sealed record DiagramRequest(string? ProjectId, byte[]? DiagramData, string? ContentType);

    private static async Task<Created<ArchitectureDesign>> UploadBase64Async(string id, DiagramRequest request, ClaimsPrincipal user,
        ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        if (request.DiagramData is not { } data) throw new ValidationFailedException("diagramData", "diagramData is required: the image's bytes, base64-encoded.");
        var design = await architectures.UploadDiagramAsync(caller.Actor(user), id, request.ProjectId,
            new UploadSource(new MemoryStream(data, writable: false), request.ContentType), ct);
        return TypedResults.Created($"/api/architecture/{id}/diagram-url?projectId={design.ProjectId}", design);
    }

    private static async Task<Created<ArchitectureDesign>> UploadStreamAsync(string id, [Description(ProjectIdWords)] string? projectId,
        HttpRequest request, ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        var design = await architectures.UploadDiagramAsync(caller.Actor(user), id, projectId, RawUpload.From(request), ct);
        return TypedResults.Created($"/api/architecture/{id}/diagram-url?projectId={design.ProjectId}", design);
    }

    private static async Task<Ok<DownloadUrlResponse>> GetDiagramUrlAsync(string id, [Description(ProjectIdWords)] string? projectId,
        HttpRequest request, ClaimsPrincipal user, ArchitectureService architectures, ApiCaller caller, IOptions<UploadOptions> options, TimeProvider time,
        CancellationToken ct) =>
        TypedResults.Ok(DownloadUrlResponse.For(request, await architectures.GetDiagramUrlAsync(caller.Actor(user), id, projectId, ct),
            options.Value.DownloadUrlLifetime, time));

    private static async Task<NoContent> DeleteDiagramAsync(string id, [Description(ProjectIdWords)] string? projectId, ClaimsPrincipal user,
        ArchitectureService architectures, ApiCaller caller, CancellationToken ct)
    {
        await architectures.DeleteDiagramAsync(caller.Actor(user), id, projectId, ct);
        return TypedResults.NoContent();
    }
}
