using System.Security.Claims;
using DevPlatform.Core.Common;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Uploads;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DevPlatform.Web.Api;

/// <summary>/api/settings: the caller's own settings and profile picture (the seed's routes, plus a streaming upload).</summary>
public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/settings").RequireAuthorization().WithTags("Settings");
        group.MapGet("/", GetAsync).WithName("GetSettings").WithSummary("The caller's profile, theme, time zone and notification preferences");
        group.MapPut("/", UpdateAsync).WithName("UpdateSettings").WithSummary("Change settings; 409 when version is stale")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/profile-picture", UploadBase64Async).WithName("UploadProfilePicture")
            .WithSummary($"Upload a profile picture as base64 JSON (JPEG, PNG or WebP up to 5 MB; body up to {UploadLimits.ProfilePictureJsonBody / UploadPolicy.MiB} MB)")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.ProfilePictureJsonBody))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPut("/profile-picture", UploadStreamAsync).WithName("StreamProfilePicture")
            .WithSummary("Upload a profile picture as the raw request body, its type in Content-Type")
            .Accepts<Stream>("image/*", FileTypes.WithAliases(FileTypes.Jpeg, FileTypes.Png, FileTypes.WebP))
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.StreamBody(UploadPolicy.ProfilePicture)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/profile-picture/url", GetPictureUrlAsync).WithName("GetProfilePictureUrl")
            .WithSummary("A time-limited download URL of the caller's uploaded picture").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/profile-picture", DeletePictureAsync).WithName("DeleteProfilePicture").WithSummary("Delete the uploaded picture and its stored file")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public sealed record SettingsRequest(string? DisplayName, string? TimeZone, ThemeChoice? Theme,
        IReadOnlyDictionary<NotificationTopic, TopicChoice?>? Notifications, string? NotificationEmail, long? Version);

    /// <param name="ImageData">The picture's bytes, base64-encoded.</param>
    /// <param name="ContentType">image/jpeg, image/png or image/webp; checked against the bytes.</param>
    public sealed record PictureRequest(byte[]? ImageData, string? ContentType);

    private static async Task<Ok<UserSettings>> GetAsync(ClaimsPrincipal user, SettingsService settings, ApiCaller caller, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(caller.Actor(user), ct));

    private static async Task<Ok<UserSettings>> UpdateAsync(SettingsRequest request, ClaimsPrincipal user, SettingsService settings, ApiCaller caller,
        CancellationToken ct)
    {
        if (request.Version is not { } version)
            throw new ValidationFailedException("version", "version is required: send the version you read, so a concurrent change is not overwritten.");
        var input = new SettingsInput(request.DisplayName, request.TimeZone, request.Theme, request.Notifications, request.NotificationEmail);
        return TypedResults.Ok(await settings.UpdateAsync(caller.Actor(user), input, version, ct));
    }

    private static async Task<Created<UserSettings>> UploadBase64Async(PictureRequest request, ClaimsPrincipal user, ProfilePictureService pictures,
        ApiCaller caller, CancellationToken ct)
    {
        if (request.ImageData is not { } data) throw new ValidationFailedException("imageData", "imageData is required: the picture's bytes, base64-encoded.");
        var settings = await pictures.UploadAsync(caller.Actor(user), new UploadSource(new MemoryStream(data, writable: false), request.ContentType), ct);
        return TypedResults.Created("/api/settings/profile-picture/url", settings);
    }

    private static async Task<Created<UserSettings>> UploadStreamAsync(HttpRequest request, ClaimsPrincipal user, ProfilePictureService pictures,
        ApiCaller caller, CancellationToken ct)
    {
        var settings = await pictures.UploadAsync(caller.Actor(user), RawUpload.From(request), ct);
        return TypedResults.Created("/api/settings/profile-picture/url", settings);
    }

    private static async Task<Ok<DownloadUrlResponse>> GetPictureUrlAsync(HttpRequest request, ClaimsPrincipal user, ProfilePictureService pictures,
        ApiCaller caller, IOptions<UploadOptions> options, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(DownloadUrlResponse.For(request, await pictures.GetUrlAsync(caller.Actor(user), ct), options.Value.DownloadUrlLifetime, time));

    private static async Task<NoContent> DeletePictureAsync(ClaimsPrincipal user, ProfilePictureService pictures, ApiCaller caller, CancellationToken ct)
    {
        await pictures.DeleteAsync(caller.Actor(user), ct);
        return TypedResults.NoContent();
    }
}
