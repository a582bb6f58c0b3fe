using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DevPlatform.Core.Storage.Documents.Aws;

public sealed partial class DynamoDocumentStore
{
    public async Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default)
    {
        var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = options.Name(table),
            Key = KeyAttributes(key),
            UpdateExpression = "ADD #counter :delta",
            ExpressionAttributeNames = new() { ["#counter"] = "counter" },
            ExpressionAttributeValues = new() { [":delta"] = Number(delta) },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, ct);
        return long.Parse(response.Attributes["counter"].N, CultureInfo.InvariantCulture);
    }

    /// <summary>The operation id joins a string set on the counter item in the same update that adds the delta.</summary>
    public async Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.Name(table),
                Key = KeyAttributes(key),
                UpdateExpression = "ADD #counter :delta, #ops :ops",
                ConditionExpression = "attribute_not_exists(#ops) OR NOT contains(#ops, :op)",
                ExpressionAttributeNames = new() { ["#counter"] = "counter", ["#ops"] = "ops" },
                ExpressionAttributeValues = new()
                {
                    [":delta"] = Number(delta), [":ops"] = new AttributeValue { SS = [operationId] }, [":op"] = new AttributeValue { S = operationId },
                },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = options.Name(table),
            Key = KeyAttributes(key),
            UpdateExpression = "DELETE #ops :ops",
            ExpressionAttributeNames = new() { ["#ops"] = "ops" },
            ExpressionAttributeValues = new() { [":ops"] = new AttributeValue { SS = [operationId] } },
        }, ct);

    public async Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = options.Name(table), Key = KeyAttributes(key), ConsistentRead = true,
        }, ct);
        return response.Item?.TryGetValue("counter", out var counter) == true ? long.Parse(counter.N, CultureInfo.InvariantCulture) : 0;
    }
}
