using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DevPlatform.Core.Storage.Documents.Aws;

/// <summary>Idempotent creation of one table with its GSIs, waiting until it is ACTIVE.</summary>
internal static class DynamoTableCreator
{
    public static async Task CreateIfMissingAsync(IAmazonDynamoDB dynamo, string tableName, TableDefinition table, CancellationToken ct)
    {
        if (await StatusAsync(dynamo, tableName, ct) is null)
        {
            var attributes = new[] { "pk", "sk" }
                .Concat(table.IndexAttributes)
                .Distinct()
                .Select(a => new AttributeDefinition(a, ScalarAttributeType.S))
                .ToList();
            var request = new CreateTableRequest
            {
                TableName = tableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = attributes,
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            };
            if (table.Indexes.Count > 0)
                request.GlobalSecondaryIndexes = table.Indexes.Select(i => new GlobalSecondaryIndex
                {
                    IndexName = i.Name,
                    KeySchema = [new KeySchemaElement(i.PartitionKeyAttribute, KeyType.HASH), new KeySchemaElement(i.SortKeyAttribute, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                }).ToList();
            try
            {
                await dynamo.CreateTableAsync(request, ct);
            }
            catch (ResourceInUseException)
            {
                // Another instance created it between our check and our create: same outcome.
            }
        }
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await StatusAsync(dynamo, tableName, ct) != TableStatus.ACTIVE)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"DynamoDB table '{tableName}' did not become ACTIVE.");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>For deployments that may not create tables: fail set-up with a message naming the missing one.</summary>
    public static async Task RequireAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken ct)
    {
        if (await StatusAsync(dynamo, tableName, ct) is null)
            throw new InvalidOperationException($"DynamoDB table '{tableName}' does not exist; create it (docs/data-model.md) or set Aws:CreateResources=true.");
    }

    private static async Task<TableStatus?> StatusAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken ct)
    {
        try
        {
            return (await dynamo.DescribeTableAsync(tableName, ct)).Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
