using DevPlatform.Core.Settings;

namespace DevPlatform.Web.Api;

/// <summary>
/// /pictures/{userId}/{uploadedAt}: the address avatars use for an uploaded picture. It stays the same until the picture
/// changes, so member lists can keep it; each request is sent on to a fresh time-limited download link of the person's
/// current picture, so an address with an older stamp (a list drawn before the change) never shows a broken image.
/// </summary>
public static class PictureEndpoints
{
    public static IEndpointRouteBuilder MapPictureEndpoints(this IEndpointRouteBuilder routes)
    {
        // Any signed-in person may see anyone's picture, as in every team tool: a picture is not a secret, and a
        // membership check per avatar would cost a read for every face on every page.
        routes.MapGet("/pictures/{userId}/{uploadedAt:long}", RedirectAsync).RequireAuthorization().ExcludeFromDescription();
        routes.MapReadOnly("/pictures/{userId}/{uploadedAt}");
        return routes;
    }

    private static async Task<IResult> RedirectAsync(string userId, long uploadedAt, HttpResponse response, ProfilePictureService pictures, CancellationToken ct)
    {
        if (await pictures.UrlForAsync(userId, ct) is not { } url) return TypedResults.NotFound();
        // Shorter than the link's own lifetime, so a cached redirect never leads to an expired link.
        response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Redirect(url.OriginalString);
    }
}
