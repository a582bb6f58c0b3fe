using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DevPlatform.Web.Api;

/// <summary>
/// Documents the answers every /api route can give whatever its handler does (a route added later gets them too):
/// 400 for input it cannot bind, 401 when it needs a user, 404 when it takes an id, 415 when it takes a body, 500 — all
/// problem details. Other domain answers (403, 409) are declared where the route is mapped.
/// </summary>
internal sealed class ApiErrorResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsUser = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var takesInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        var problem = await ProblemSchemaAsync(context, ct);

        operation.Responses ??= new OpenApiResponses();
        if (takesInput) Add(operation, StatusCodes.Status400BadRequest, "The input is not valid or could not be read.", problem);
        if (needsUser) Add(operation, StatusCodes.Status401Unauthorized, "No signed-in user.", problem);
        // Another team's ids answer 404 like ids that do not exist, so every route that takes an id can answer it.
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
            Add(operation, StatusCodes.Status404NotFound, "Nothing with this id, or it belongs to another team.", problem);
        if (operation.RequestBody is not null) Add(operation, StatusCodes.Status415UnsupportedMediaType, "The body has a Content-Type this route does not take.", problem);
        Add(operation, StatusCodes.Status500InternalServerError, "An unexpected error; it has been logged.", problem);
    }

    private static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }

    /// <summary>A reference to the one ProblemDetails schema, so the document does not repeat it in every response.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        const string id = nameof(ProblemDetails);
        if (context.Document is not { } document) return await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        return new OpenApiSchemaReference(id, document);
    }
}
