using Scalar.AspNetCore;

namespace DevPlatform.Web.Api;

/// <summary>
/// The API describes itself: an OpenAPI document of every /api route at /openapi/v1.json and a reference page over it
/// at /api-reference. Both are anonymous in every environment: they list what the README already publishes, and a
/// client needs them before it can sign in.
/// </summary>
public static class ApiDescription
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddApiDescription(this IServiceCollection services, bool isDevelopment) =>
        services.AddOpenApi(o =>
        {
            // Sign-out, the OpenID Connect challenge and signed blob links are browser plumbing, not the API.
            o.ShouldInclude = d => d.RelativePath is { } path && (path == "api" || path.StartsWith("api/", StringComparison.Ordinal));
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "DevPlatform API";
                document.Info.Description = "Every error is problem details (RFC 9457). Routes work in the caller's personal team unless they name a teamId.";
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(new ApiSecuritySchemes(isDevelopment));
            o.AddOperationTransformer<ApiErrorResponses>();
        });

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        // A self-hosted platform may run without internet access: no web fonts, telemetry or AI agent from Scalar's servers.
        routes.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("DevPlatform API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()).AllowAnonymous();
        return routes;
    }
}
