using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>
/// Pages answer an unknown address with the friendly 404 page; the API must answer with problem details instead,
/// so status-code pages are switched off under /api and unknown API routes get a problem-details 404.
/// </summary>
public static class ApiProblemResponses
{
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });

    public static IEndpointRouteBuilder MapApiFallback(this IEndpointRouteBuilder routes)
    {
        routes.MapFallback("/api/{**path}", (string path) => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound, Title = "No such API route.", Detail = $"Nothing answers /api/{path}.",
        })).AllowAnonymous();
        return routes;
    }

    /// <summary>Writes a problem-details body for a status the framework would send empty (401, 403 from cookie auth).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        }).AsTask();
}
