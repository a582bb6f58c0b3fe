using System.Buffers.Text;
using System.Text.Json;

namespace DevPlatform.Core.Storage.Documents;

/// <summary>
/// Both adapters encode the position after the last returned item as the key attributes of that item,
/// which is exactly DynamoDB's ExclusiveStartKey; the token is that map as base64url JSON.
/// </summary>
internal static class ContinuationToken
{
    public static string Encode(IReadOnlyDictionary<string, string> position) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));

    public static Dictionary<string, string> Decode(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(Base64Url.DecodeFromChars(token))
                ?? throw new InvalidContinuationTokenException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationTokenException();
        }
    }
}

/// <summary>A continuation token that no query of this store produced.</summary>
public sealed class InvalidContinuationTokenException() : Exception("The continuation token is not valid.");
