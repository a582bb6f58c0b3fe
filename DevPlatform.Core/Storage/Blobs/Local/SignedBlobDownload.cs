namespace DevPlatform.Core.Storage.Blobs.Local;

/// <summary>What the embedded mode's /blobs/{key} route does: check the key and the signature, then open the object.</summary>
public sealed class SignedBlobDownload(IBlobStore blobs, BlobUrlSigner signer)
{
    /// <summary>
    /// A key no store accepts is refused before the signature or storage is looked at: a link can be signed for any
    /// string, so a valid signature says nothing about whether the key is safe to use as a path.
    /// </summary>
    public async Task<SignedBlobResult> OpenAsync(string key, string? expires, string? signature, CancellationToken ct)
    {
        if (!BlobKey.IsValid(key)) return new(SignedBlobOutcome.InvalidKey);
        if (!signer.IsValid(key, expires, signature)) return new(SignedBlobOutcome.Refused);
        var info = await blobs.GetInfoAsync(key, ct);
        if (info is null) return new(SignedBlobOutcome.Refused);
        return new(SignedBlobOutcome.Opened, info, await blobs.OpenReadAsync(key, ct));
    }
}

/// <param name="Outcome">Opened, or why not: the key is not a blob key, or the link is expired, altered or names no object.</param>
public sealed record SignedBlobResult(SignedBlobOutcome Outcome, BlobInfo? Info = null, Stream? Content = null);

public enum SignedBlobOutcome { Opened, InvalidKey, Refused }
