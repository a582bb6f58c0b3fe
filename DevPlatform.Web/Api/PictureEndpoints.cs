using DevPlatform.Core.Settings;

namespace DevPlatform.Web.Api;

/// <summary>
/// /pictures/{userId}/{uploadedAt}: the address avatars use for an uploaded picture. It stays the same until the picture
/// changes, so member lists can keep it; each request is sent on to a fresh time-limited download link.
/// </summary>
public static class PictureEndpoints
{
    public static IEndpointRouteBuilder MapPictureEndpoints(this IEndpointRouteBuilder routes)
    {
        // Any signed-in person may see anyone's picture, as in every team tool: the ids are not guessable, and a
        // membership check per avatar would cost a read for every face on every page.
        routes.MapGet("/pictures/{userId}/{uploadedAt}", RedirectAsync).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> RedirectAsync(string userId, string uploadedAt, HttpResponse response, ProfilePictureService pictures, CancellationToken ct)
    {
        if (await pictures.UrlForAsync(userId, ct) is not { } url) return TypedResults.NotFound();
        // Shorter than the link's own lifetime, so a cached redirect never leads to an expired link.
        response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Redirect(url.OriginalString);
    }
}
