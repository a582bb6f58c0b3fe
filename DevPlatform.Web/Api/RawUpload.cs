using DevPlatform.Core.Common;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Web.Api;

/// <summary>An upload sent as the raw request body (curl --data-binary @file), streamed as it arrives, never buffered.</summary>
public static class RawUpload
{
    /// <exception cref="ValidationFailedException">No Content-Type: the body alone does not say what the caller meant it to be.</exception>
    public static UploadSource From(HttpRequest request) =>
        string.IsNullOrWhiteSpace(request.ContentType)
            ? throw new ValidationFailedException("Content-Type", "Send the file's media type in the Content-Type header, such as image/png.")
            : new UploadSource(request.Body, request.ContentType);
}
