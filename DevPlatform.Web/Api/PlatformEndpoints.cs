using System.Text.Json;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Local;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>Routes that are not an area: health, and the embedded mode's signed blob downloads.</summary>
public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        routes.MapGet(BlobUrlSigner.RoutePrefix + "{**key}", DownloadBlobAsync).AllowAnonymous();
        routes.MapReadOnly(BlobUrlSigner.RoutePrefix + "{**key}");
        routes.MapGet("/api/about", About).RequireAuthorization().WithTags("Platform").WithName("GetAbout").WithSummary("Product, version, storage provider and the caller's id");
        return routes;
    }

    public sealed record AboutResponse(string Product, string Version, string StorageProvider, string UserId);

    /// <summary>Who the server thinks the caller is and what it runs on; touches no storage (the benchmark's baseline).</summary>
    private static Ok<AboutResponse> About(System.Security.Claims.ClaimsPrincipal user, StorageOptions storage, ApiCaller caller) =>
        TypedResults.Ok(new AboutResponse("DevPlatform",
            typeof(PlatformEndpoints).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            storage.Provider.ToString(), caller.Actor(user).UserId));

    // Relaxed escaping: the answer is read by people and tools as JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions HealthJson = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Everyone sees the status and each backend's reachable/unreachable; signed-in callers also see the provider and
    /// whether set-up finished. Why a backend failed is in the server's log, never in this answer.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var body = new
        {
            status = report.Status.ToString(),
            backends = report.Entries.SelectMany(e => e.Value.Data)
                .Where(d => signedIn || d.Key is not (StorageHealthCheck.ProviderKey or StorageHealthCheck.SetupKey))
                .ToDictionary(d => d.Key, d => d.Value),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson));
    }

    /// <summary>Only in embedded mode; in AWS mode download URLs point at S3 and this route answers 404.</summary>
    private static async Task<IResult> DownloadBlobAsync(string key, string? expires, string? signature, HttpContext context, IServiceProvider services, CancellationToken ct)
    {
        var download = services.GetService<SignedBlobDownload>();
        if (download is null) return TypedResults.NotFound();
        var result = await download.OpenAsync(key, expires, signature, ct);
        return result switch
        {
            { Outcome: SignedBlobOutcome.Opened, Info: { } info, Content: { } content } => Served(context.Response, key, info, content),
            { Outcome: SignedBlobOutcome.InvalidKey } => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "This download link does not name a valid file.",
                Detail = "Ask the page for a new link.",
            }),
            _ => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden, Title = "This download link is expired or not valid.",
                Detail = "Ask the page for a new link.",
            }),
        };
    }

    /// <summary>
    /// Uploaded content is served so it cannot act as a page of ours: a download unless it is a raster image, no type
    /// sniffing, and a sandboxing policy that stops script even in an SVG someone opens directly.
    /// </summary>
    private static IResult Served(HttpResponse response, string key, BlobInfo info, Stream content)
    {
        response.Headers.ContentDisposition = BlobDisposition.HeaderFor(key, info.ContentType);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
        response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Stream(content, info.ContentType, enableRangeProcessing: true);
    }
}
