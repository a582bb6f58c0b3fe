using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api;

/// <summary>One method on one /api route, as the running app maps it, with what it binds from where.</summary>
public sealed record ApiRoute(
    string Method,
    string Path,
    IReadOnlyList<string> RouteParameters,
    IReadOnlyList<(string Name, Type Type)> QueryParameters,
    Type? BodyType,
    bool NeedsUser)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Reads the app's own endpoint table, so every /api route that exists — including those added after these tests
/// were written — is found without a list to keep up to date.
/// </summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> Discover(IServiceProvider services)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        return services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => Path(e.RoutePattern) is var path && (path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => Describe(e, method, isService)))
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The path as OpenAPI writes it: parameters without constraints or catch-all stars, no trailing slash.</summary>
    public static string Path(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));

    private static ApiRoute Describe(RouteEndpoint endpoint, string method, IServiceProviderIsService isService)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var query = new List<(string, Type)>();
        foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            var attributes = parameter.GetCustomAttributes().ToList();
            var name = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name!;
            var fromElsewhere = attributes.Any(a => a is IFromRouteMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromServiceMetadata or IFromFormMetadata);
            if (fromElsewhere || routeNames.Contains(name, StringComparer.OrdinalIgnoreCase) || parameter.ParameterType == bodyType
                || IsFrameworkSupplied(parameter.ParameterType) || isService.IsService(parameter.ParameterType))
                continue;
            query.Add((name, parameter.ParameterType));
        }
        var needsUser = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null
            && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null;
        return new ApiRoute(method, Path(endpoint.RoutePattern), routeNames, query, bodyType, needsUser);
    }

    private static bool IsFrameworkSupplied(Type type) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(CancellationToken)
        || type == typeof(ClaimsPrincipal) || type == typeof(Stream) || type == typeof(System.IO.Pipelines.PipeReader)
        || typeof(IFormFile).IsAssignableFrom(type) || type == typeof(IFormFileCollection) || type == typeof(IFormCollection);
}
