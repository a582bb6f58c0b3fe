namespace DevPlatform.Web.Api;

/// <summary>A time-limited download link, as the seed's "…-url" routes answer it: absolute, so curl can fetch it as is.</summary>
/// <param name="ExpiresAt">When the link stops working; ask again for a fresh one.</param>
public sealed record DownloadUrlResponse(string Url, DateTimeOffset ExpiresAt)
{
    /// <summary>The embedded store signs links relative to the app; S3's presigned links are absolute already.</summary>
    public static DownloadUrlResponse For(HttpRequest request, Uri url, TimeSpan lifetime, TimeProvider time) =>
        new(url.IsAbsoluteUri ? url.AbsoluteUri : $"{request.Scheme}://{request.Host}{request.PathBase}{url.OriginalString}",
            time.GetUtcNow() + lifetime);

    /// <summary>A link whose expiry the service worked out.</summary>
    public static DownloadUrlResponse For(HttpRequest request, Uri url, DateTimeOffset expiresAt) =>
        new(url.IsAbsoluteUri ? url.AbsoluteUri : $"{request.Scheme}://{request.Host}{request.PathBase}{url.OriginalString}", expiresAt);
}
