namespace DevPlatform.Core.Uploads;

/// <summary>
/// Request body limits of the upload routes. A base64 JSON body is decoded in memory (into bytes, never a second copy
/// as text), so those routes stop lower than the streaming routes, which never hold a file: a large attachment is sent
/// as a raw body instead.
/// </summary>
public static class UploadLimits
{
    /// <summary>Room for the JSON around the data and for a raw body's slack.</summary>
    private const long Envelope = 64 * 1024;

    public const long DiagramJsonBody = 28 * UploadPolicy.MiB;
    public const long ProfilePictureJsonBody = 7 * UploadPolicy.MiB;
    public const long AttachmentJsonBody = 35 * UploadPolicy.MiB;

    /// <summary>The largest file a base64 JSON body of <paramref name="bodyLimit"/> bytes can carry.</summary>
    public static long LargestBase64File(long bodyLimit) => (bodyLimit - Envelope) / 4 * 3;

    /// <summary>A raw-body streaming route's limit for the policy (the policy itself refuses one byte more).</summary>
    public static long StreamBody(UploadPolicy policy) => policy.MaxBytes + Envelope;
}
