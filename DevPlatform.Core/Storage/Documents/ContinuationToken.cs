using System.Buffers.Text;
using System.Text.Json;

namespace DevPlatform.Core.Storage.Documents;

/// <summary>
/// Both adapters encode the position after the last returned item as the key attributes of that item,
/// which is exactly DynamoDB's ExclusiveStartKey; the token is that map as base64url JSON.
/// </summary>
internal static class ContinuationToken
{
    /// <summary>The token that continues after <paramref name="last"/> in a query of the table or of <paramref name="index"/>.</summary>
    public static string After(DocumentItem last, IndexDefinition? index)
    {
        var position = new Dictionary<string, string> { ["pk"] = last.Key.PartitionKey, ["sk"] = last.Key.SortKey };
        if (index is not null)
        {
            position[index.PartitionKeyAttribute] = last.IndexKeys[index.PartitionKeyAttribute];
            position[index.SortKeyAttribute] = last.IndexKeys[index.SortKeyAttribute];
        }
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));
    }

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
