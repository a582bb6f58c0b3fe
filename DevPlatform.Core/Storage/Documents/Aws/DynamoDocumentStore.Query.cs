using Amazon.DynamoDBv2.Model;

namespace DevPlatform.Core.Storage.Documents.Aws;

public sealed partial class DynamoDocumentStore
{
    public async Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var index = query.IndexName is null ? null : definition.Index(query.IndexName);
        var request = new QueryRequest
        {
            TableName = options.Name(table),
            IndexName = index?.Name,
            ScanIndexForward = !query.Descending,
            // One more than asked, so the token is null exactly when nothing follows (DynamoDB alone can't tell).
            Limit = query.Limit + 1,
            ExpressionAttributeNames = new() { ["#p"] = index?.PartitionKeyAttribute ?? "pk" },
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = query.PartitionKey } },
            KeyConditionExpression = "#p = :p",
            ConsistentRead = index is null,
        };
        if (query.SortKey is not null)
        {
            request.ExpressionAttributeNames["#s"] = index?.SortKeyAttribute ?? "sk";
            request.KeyConditionExpression += query.SortKey switch
            {
                SortKeyCondition.Prefix prefix => Bind(request, " AND begins_with(#s, :prefix)", (":prefix", prefix.Value)),
                SortKeyCondition.Range range => Bind(request, " AND #s BETWEEN :from AND :to", (":from", range.From), (":to", range.To)),
                _ => throw new ArgumentOutOfRangeException(nameof(query)),
            };
        }
        if (query.ContinuationToken is not null)
            request.ExclusiveStartKey = Tokens.Decode(table, query, query.ContinuationToken, index)
                .ToDictionary(p => p.Key, p => new AttributeValue { S = p.Value });

        var items = new List<DocumentItem>(query.Limit + 1);
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            items.AddRange((response.Items ?? []).Select(i => ToItem(i, definition)));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
            request.Limit = query.Limit + 1 - items.Count;
        } while (items.Count <= query.Limit && request.ExclusiveStartKey is { Count: > 0 });

        if (items.Count <= query.Limit) return new DocumentPage(items, null);
        items.RemoveRange(query.Limit, items.Count - query.Limit);
        return new DocumentPage(items, Tokens.After(table, query, items[^1], index));
    }
}
