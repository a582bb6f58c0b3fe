namespace DevPlatform.Core.Common;

/// <summary>Identifiers are a type prefix and a time-ordered GUID: readable in logs, safe in URLs and keys.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
