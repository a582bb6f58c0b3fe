using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace DevPlatform.Web.Api;

/// <summary>The API's own words for a status that reached the client without a body of its own.</summary>
internal static class ApiErrorWords
{
    public const string UnexpectedErrorDetail = "It has been logged; quote the traceId when you report it.";

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read.",
        StatusCodes.Status401Unauthorized => "Sign in first.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body has an unsupported media type.",
        >= 500 => "An unexpected error occurred.",
        _ => "The request failed.",
    };

    public static async Task<string?> DetailAsync(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status401Unauthorized => await RejectedDevHeaderAsync(context),
        // No endpoint at all: routing found nothing under this path for any method.
        StatusCodes.Status404NotFound when context.GetEndpoint() is null => "No API route has this path.",
        StatusCodes.Status405MethodNotAllowed when context.Response.Headers[HeaderNames.Allow].ToString() is { Length: > 0 } allow =>
            $"This route answers {allow}.",
        StatusCodes.Status415UnsupportedMediaType => "This route does not take a body of that Content-Type; /openapi/v1.json lists what each route takes.",
        >= 500 => UnexpectedErrorDetail,
        _ => null,
    };

    /// <summary>
    /// The development header handler explains why it refused an id in its own words; any other scheme's failure
    /// ("Unprotect ticket failed") is framework text and stays out of the answer.
    /// </summary>
    /// <remarks>The handler caches its result for the request, so asking again does not authenticate twice.</remarks>
    private static async Task<string?> RejectedDevHeaderAsync(HttpContext context) =>
        context.Request.Headers.ContainsKey(DevHeaderAuthenticationHandler.UserIdHeader)
        && (await context.AuthenticateAsync()).Failure is AuthenticationFailureException failure
            ? $"The {DevHeaderAuthenticationHandler.UserIdHeader} header was refused: {failure.Message}"
            : null;
}
