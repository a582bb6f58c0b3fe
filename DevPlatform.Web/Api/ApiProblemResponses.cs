using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DevPlatform.Web.Api;

/// <summary>
/// Every error the API answers is problem details. Pages keep the friendly HTML not-found page; under /api,
/// status-code pages are off and any 4xx/5xx that leaves the pipeline without a body gets one here — whoever set
/// the status: routing (404 for an unknown route, 405 with Allow, 415), authentication (401, 403), Kestrel (413).
/// </summary>
/// <remarks>
/// There is deliberately no /api fallback endpoint: a fallback matches every method and content type, so routing
/// would pick it instead of answering 405 or 415. Without one, routing's own 405/415 endpoints and the plain
/// "no endpoint" 404 arrive here, and every route added later gets the same answers.
/// </remarks>
public static class ApiProblemResponses
{
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsApi(context.Request))
            {
                await next(context);
                return;
            }
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            if (DeclaresTooLargeBody(context))
            {
                // Refused before anything reads it: a declared length over the limit needs no reading to know.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ApiErrorWords.Title(StatusCodes.Status413PayloadTooLarge));
                return;
            }
            await next(context);
            if (context.Response.HasStarted || context.Response.StatusCode < 400 || HasBody(context.Response)) return;
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                || context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
                ReconcileMethodAnswer(context);
            var status = context.Response.StatusCode;
            await WriteAsync(context, status, ApiErrorWords.Title(status), await ApiErrorWords.DetailAsync(context));
        });

    /// <summary>An unhandled exception is answered in general terms: its message and stack are for the log, not the caller.</summary>
    public static void DescribeUnexpectedErrors(ProblemDetailsContext context)
    {
        if (context.Exception is null || context.ProblemDetails.Status is not >= 500) return;
        context.ProblemDetails.Title = ApiErrorWords.Title(StatusCodes.Status500InternalServerError);
        context.ProblemDetails.Detail = ApiErrorWords.UnexpectedErrorDetail;
        context.ProblemDetails.Extensions.Remove("exception");
    }

    /// <summary>
    /// For a read-only address outside /api: a write method gets 405 with a problem body, rather than falling through to
    /// the pages' form handling (which answers a plain-text antiforgery error).
    /// </summary>
    public static IEndpointConventionBuilder MapReadOnly(this IEndpointRouteBuilder routes, string pattern) =>
        routes.MapMethods(pattern, [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpResponse response) =>
        {
            response.Headers.Allow = "GET, HEAD";
            return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "This address can only be read.");
        }).AllowAnonymous().ExcludeFromDescription();

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>Writes a problem-details body for a status the framework would send empty (401, 403 from cookie auth).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title) => WriteAsync(context, status, title, null);

    private static Task WriteAsync(HttpContext context, int status, string title, string? detail) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();

    /// <summary>
    /// Routing's verdict on the method is taken from the API's routes alone: a path no API route has is a 404 whatever
    /// the method, and a path one has, sent a method it does not map, is a 405 naming the ones it does.
    /// </summary>
    private static void ReconcileMethodAnswer(HttpContext context)
    {
        var allowed = ApiRouteMethods.For(context);
        var methodMapped = allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase);
        if (allowed.Count == 0 || methodMapped && context.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            context.Response.Headers.Remove(HeaderNames.Allow);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            // The detail reads the endpoint to tell "no such route" from "nothing with this id".
            context.SetEndpoint(null);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
    }

    private static bool HasBody(HttpResponse response) => response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType);

    /// <summary>
    /// The route's own limit (an upload route's) when it has one, else the server's. Answering before the body is read
    /// lets a client that sent "Expect: 100-continue" (curl does for large bodies) learn it without sending the body.
    /// </summary>
    private static bool DeclaresTooLargeBody(HttpContext context) =>
        context.Request.ContentLength is { } length
        && (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize) is { } limit
        && length > limit;
}
