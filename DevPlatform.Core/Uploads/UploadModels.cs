namespace DevPlatform.Core.Uploads;

/// <summary>An upload's content as it arrives. The stream may be non-seekable and is read once, to the end.</summary>
/// <param name="DeclaredContentType">What the client says the content is; checked against the bytes.</param>
public sealed record UploadSource(Stream Content, string? DeclaredContentType);

/// <summary>A stored object: its key, size and the content type it was stored with (recognised by content where possible).</summary>
public sealed record StoredBlob(string Key, long Length, string ContentType);

/// <summary>The record that will point at the uploaded object, asked (through <see cref="IBlobReferences"/>) whether it does.</summary>
public sealed record UploadOwner(string Kind, string Id);

/// <summary>
/// An area's answer to "does this owner's record point at this blob?", so clean-up after a failure or a crash never
/// deletes an object a record refers to (a replaced diagram keeps its key).
/// </summary>
public interface IBlobReferences
{
    /// <summary>The <see cref="UploadOwner.Kind"/> this answers for.</summary>
    string Kind { get; }

    Task<bool> IsReferencedAsync(string ownerId, string blobKey, CancellationToken ct);
}
