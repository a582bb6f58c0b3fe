using Microsoft.AspNetCore.Routing.Template;

namespace DevPlatform.Web.Api;

/// <summary>
/// The methods the /api routes that match a path answer. Routing's own verdict also counts endpoints outside the API:
/// in Development, static assets map a GET and HEAD catch-all for file names, so an unknown /api path sent a PATCH is
/// told to use GET, and a HEAD to a GET route finds no endpoint at all. This answers from the API's endpoints alone.
/// </summary>
internal static class ApiRouteMethods
{
    /// <remarks>
    /// Route constraints are not checked: a path that only fails a constraint is told which methods the route takes. Where
    /// a literal route and a parameter route both match (/api/documentation/search and /api/documentation/{id}), only the
    /// most specific ones count, as routing itself prefers them.
    /// </remarks>
    public static IReadOnlyList<string> For(HttpContext context)
    {
        var matching = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true
                && new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(context.Request.Path, []))
            .ToList();
        if (matching.Count == 0) return [];
        var best = matching.Min(e => e.RoutePattern.InboundPrecedence);
        return matching.Where(e => e.RoutePattern.InboundPrecedence == best)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }
}
