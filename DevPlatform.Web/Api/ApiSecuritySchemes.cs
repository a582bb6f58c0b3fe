using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DevPlatform.Web.Api;

/// <summary>
/// Names the ways to sign in (the session cookie, an API token; in Development also the x-dev-user-id header) and marks every
/// operation that needs a user. Added from the operation side because document transformers run after operations,
/// and a reference to a scheme the document does not hold yet is dropped.
/// </summary>
internal sealed class ApiSecuritySchemes(bool isDevelopment) : IOpenApiOperationTransformer
{
    public const string SessionCookie = "SessionCookie";
    public const string DevUserId = "DevUserId";
    public const string ApiToken = "ApiToken";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (context.Document is not { } document || !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            return Task.CompletedTask;
        operation.Security ??= [];
        foreach (var (name, scheme) in Schemes())
        {
            if (document.Components?.SecuritySchemes?.ContainsKey(name) != true) document.AddComponent(name, scheme);
            // Each requirement is an alternative: either scheme signs the caller in.
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] });
        }
        return Task.CompletedTask;
    }

    private IEnumerable<(string, IOpenApiSecurityScheme)> Schemes()
    {
        yield return (SessionCookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "devplatform.session",
            Description = "The browser session cookie that signing in sets.",
        });
        yield return (ApiToken, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "A personal API token (Team page, API tokens) as \"Authorization: Bearer dp_…\": it acts with its owner's roles, " +
                "and a read-only token only reads.",
        });
        if (isDevelopment)
            yield return (DevUserId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = DevHeaderAuthenticationHandler.UserIdHeader,
                Description = "Development only: the caller's user id; a new id is onboarded with a personal team. " +
                    $"{DevHeaderAuthenticationHandler.UserNameHeader} may give a display name.",
            });
    }
}
