namespace DevPlatform.Core.Storage.Blobs.Local;

/// <summary>What the embedded mode's /blobs/{key} route does: check the signature, then open the object.</summary>
public sealed class SignedBlobDownload(IBlobStore blobs, BlobUrlSigner signer)
{
    /// <returns>The object's info and content, or null when the URL is expired, altered or names no object.</returns>
    public async Task<(BlobInfo Info, Stream Content)?> OpenAsync(string key, string? expires, string? signature, CancellationToken ct)
    {
        if (!signer.IsValid(key, expires, signature)) return null;
        var info = await blobs.GetInfoAsync(key, ct);
        if (info is null) return null;
        return (info, await blobs.OpenReadAsync(key, ct));
    }
}
