namespace DevPlatform.Core.Storage.Blobs;

/// <summary>Keys are relative paths of safe segments, so the same key is valid as an S3 key and as a file path.</summary>
public static class BlobKey
{
    public static string Validate(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var segments = key.Split('/');
        if (key.Length > 900 || segments.Any(s => s.Length == 0 || s is "." or ".." || s.Any(c => char.IsControl(c) || c is '\\' or ':')))
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        return key;
    }
}
