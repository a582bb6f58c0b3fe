namespace DevPlatform.Core.Common;

/// <summary>Identifiers are a type prefix and a time-ordered GUID: readable in logs, safe in URLs and keys.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";

    /// <summary>
    /// True for "{prefix}_" and 24 to 32 lowercase hex digits, the shape of every id the app makes. Anything else
    /// names nothing, and is answered as not found without touching storage.
    /// </summary>
    public static bool IsWellFormed(string prefix, string? id) =>
        id is not null && id.Length is >= 25 and <= 64 && id.StartsWith(prefix + "_", StringComparison.Ordinal)
        && id.Length - prefix.Length - 1 is >= 24 and <= 32 && id.AsSpan(prefix.Length + 1).ContainsAnyExcept("0123456789abcdef") is false;
}
