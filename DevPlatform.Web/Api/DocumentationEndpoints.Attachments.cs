using System.ComponentModel;
using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>/api/documentation/{documentId}/attachments: the seed's routes, plus a streaming upload for files too large for base64 JSON.</summary>
public static partial class DocumentationEndpoints
{
    private static void MapAttachments(RouteGroupBuilder group)
    {
        group.MapPost("/{documentId}/attachments", UploadBase64Async).WithName("UploadAttachment")
            .WithSummary($"Attach a file sent as base64 JSON (body up to {UploadLimits.AttachmentJsonBody / UploadPolicy.MiB} MB; larger files use the stream route)")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.AttachmentJsonBody))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        // PUT, as the other raw-body upload routes (settings, diagrams): POST on the same path takes base64 JSON.
        group.MapPut("/{documentId}/attachments", UploadStreamAsync).WithName("StreamAttachment")
            .WithSummary("Attach a file sent as the raw request body (up to 100 MB), its type in Content-Type and its name in ?fileName=")
            .Accepts<Stream>("*/*")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.StreamBody(UploadPolicy.Attachment)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{documentId}/attachments", ListAttachmentsAsync).WithName("ListAttachments").WithSummary("The page's attachments, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{documentId}/attachments/{attachmentId}/url", AttachmentUrlAsync).WithName("GetAttachmentUrl")
            .WithSummary("A time-limited download URL of the attachment").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{documentId}/attachments/{attachmentId}", DeleteAttachmentAsync).WithName("DeleteAttachment")
            .WithSummary("Delete the attachment and its stored file (Owner or Admin)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="FileName">The name to store it under; a path, ".." or hidden characters are refused.</param>
    /// <param name="FileData">The file's bytes, base64-encoded.</param>
    /// <param name="ContentType">What the file is; a type recognisable by content (images, PDF, zip, gzip) must match the bytes.</param>
    public sealed record AttachmentRequest(string? FileName, byte[]? FileData, string? ContentType);

    private static async Task<Created<Attachment>> UploadBase64Async(string documentId, AttachmentRequest request, ClaimsPrincipal user,
        AttachmentService attachments, ApiCaller caller, CancellationToken ct)
    {
        if (request.FileData is not { } data) throw new ValidationFailedException("fileData", "fileData is required: the file's bytes, base64-encoded.");
        var attachment = await attachments.UploadAsync(caller.Actor(user), documentId, request.FileName,
            new UploadSource(new MemoryStream(data, writable: false), request.ContentType), ct);
        return TypedResults.Created($"/api/documentation/{documentId}/attachments/{attachment.Id}/url", attachment);
    }

    private static async Task<Created<Attachment>> UploadStreamAsync(string documentId,
        [Description("The name to store the file under.")] string? fileName, HttpRequest request, ClaimsPrincipal user,
        AttachmentService attachments, ApiCaller caller, CancellationToken ct)
    {
        var attachment = await attachments.UploadAsync(caller.Actor(user), documentId, fileName, RawUpload.From(request), ct);
        return TypedResults.Created($"/api/documentation/{documentId}/attachments/{attachment.Id}/url", attachment);
    }

    private static async Task<Ok<IReadOnlyList<Attachment>>> ListAttachmentsAsync(string documentId, ClaimsPrincipal user, AttachmentService attachments,
        ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await attachments.ListAsync(caller.Actor(user), documentId, ct));

    private static async Task<Ok<DownloadUrlResponse>> AttachmentUrlAsync(string documentId, string attachmentId, HttpRequest request, ClaimsPrincipal user,
        AttachmentService attachments, ApiCaller caller, TimeProvider time, CancellationToken ct)
    {
        var (url, lifetime) = await attachments.GetUrlAsync(caller.Actor(user), documentId, attachmentId, ct);
        return TypedResults.Ok(DownloadUrlResponse.For(request, url, lifetime, time));
    }

    private static async Task<NoContent> DeleteAttachmentAsync(string documentId, string attachmentId, ClaimsPrincipal user, AttachmentService attachments,
        ApiCaller caller, CancellationToken ct)
    {
        await attachments.DeleteAsync(caller.Actor(user), documentId, attachmentId, ct);
        return TypedResults.NoContent();
    }
}
