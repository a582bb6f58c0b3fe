using System.Text;

namespace DevPlatform.Core.Storage.Blobs;

/// <summary>
/// Keys are relative paths of safe segments, so the same key is valid as an S3 key and as a file path: no empty,
/// "." or ".." segment, no backslash, colon or control character, at most <see cref="MaxBytes"/> bytes of UTF-8 in
/// all (S3's limit) and <see cref="MaxSegmentBytes"/> in a segment (a file name holds 255 bytes, and the embedded
/// store adds ".json" beside each object).
/// </summary>
public static class BlobKey
{
    public const int MaxBytes = 1024;
    public const int MaxSegmentBytes = 250;

    /// <summary>For input from outside (a URL), checked before any storage is touched.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || Encoding.UTF8.GetByteCount(key) > MaxBytes) return false;
        return key.Split('/').All(IsValidSegment);
    }

    /// <exception cref="ArgumentException">The key is not valid.</exception>
    public static string Validate(string key) =>
        IsValid(key) ? key : throw new ArgumentException($"'{Shorten(key)}' is not a valid blob key.", nameof(key));

    /// <summary>
    /// A prefix to delete under: a valid key, or a valid key followed by "/". An empty prefix would mean every blob,
    /// which no caller should ask for by accident, so it is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is empty or not a valid key.</exception>
    public static string ValidatePrefix(string prefix)
    {
        var folderOrKey = prefix is { Length: > 1 } && prefix[^1] == '/' ? prefix[..^1] : prefix;
        return IsValid(folderOrKey) ? prefix : throw new ArgumentException(
            $"'{Shorten(prefix)}' is not a valid blob prefix: it must be a non-empty key, optionally ending in '/'.", nameof(prefix));
    }

    private static bool IsValidSegment(string segment) =>
        segment.Length > 0 && segment is not ("." or "..") && Encoding.UTF8.GetByteCount(segment) <= MaxSegmentBytes
        && !segment.Any(c => char.IsControl(c) || c is '\\' or ':');

    // An error message should not carry a kilobyte of attacker-chosen text into the logs.
    private static string Shorten(string? key) => key is null ? "" : key.Length <= 100 ? key : key[..100] + "…";
}
