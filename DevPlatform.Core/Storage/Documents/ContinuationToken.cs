using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DevPlatform.Core.Storage.Documents;

/// <summary>
/// The position after the last item of a page (that item's key attributes, exactly DynamoDB's ExclusiveStartKey),
/// as base64url JSON, followed by an HMAC over the position and the query it belongs to. A token is accepted only by
/// the query that produced it, on the store that produced it: altered, foreign or made-up tokens are refused before
/// any value in them reaches SQL or DynamoDB.
/// </summary>
public sealed class ContinuationTokenCodec(byte[] secret)
{
    private const int MacBytes = 16;
    private const int MaxTokenLength = 4096;

    /// <summary>The token that continues after <paramref name="last"/> in <paramref name="query"/> of <paramref name="table"/>.</summary>
    public string After(string table, DocumentQuery query, DocumentItem last, IndexDefinition? index)
    {
        var position = new Dictionary<string, string> { ["pk"] = last.Key.PartitionKey, ["sk"] = last.Key.SortKey };
        if (index is not null)
        {
            position[index.PartitionKeyAttribute] = last.IndexKeys[index.PartitionKeyAttribute];
            position[index.SortKeyAttribute] = last.IndexKeys[index.SortKeyAttribute];
        }
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));
        return payload + "." + Base64Url.EncodeToString(Mac(table, query, payload));
    }

    /// <summary>The position a token holds: exactly the key attributes of the table, or of the table and the index.</summary>
    /// <exception cref="InvalidContinuationTokenException">The token was not produced by this query on this store.</exception>
    public Dictionary<string, string> Decode(string table, DocumentQuery query, string token, IndexDefinition? index)
    {
        if (token.Length > MaxTokenLength || token.Split('.') is not [var payload, var mac]) throw new InvalidContinuationTokenException();
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(mac), Mac(table, query, payload)))
                throw new InvalidContinuationTokenException();
            var position = JsonSerializer.Deserialize<Dictionary<string, string?>>(Base64Url.DecodeFromChars(payload));
            var names = index is null ? ["pk", "sk"] : new[] { "pk", "sk", index.PartitionKeyAttribute, index.SortKeyAttribute }.Distinct().ToArray();
            if (position is null || position.Count != names.Length || !names.All(n => position.GetValueOrDefault(n) is not null))
                throw new InvalidContinuationTokenException();
            return position.ToDictionary(p => p.Key, p => p.Value!);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationTokenException();
        }
    }

    private byte[] Mac(string table, DocumentQuery query, string payload)
    {
        var condition = query.SortKey switch
        {
            SortKeyCondition.Prefix p => "prefix\n" + p.Value,
            SortKeyCondition.Range r => "range\n" + r.From + "\n" + r.To,
            _ => "all",
        };
        var binding = string.Join('\n', table, query.IndexName ?? "", query.PartitionKey, query.Descending ? "desc" : "asc", condition, payload);
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(binding))[..MacBytes];
    }
}

/// <summary>A continuation token that no query of this store produced.</summary>
public sealed class InvalidContinuationTokenException() : Exception("The continuation token is not valid for this list; start again from the first page.");
