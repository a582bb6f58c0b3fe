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
            if (table.Indexes.Count > 0) request.GlobalSecondaryIndexes = table.Indexes.Select(Index).ToList();
            try
            {
                await dynamo.CreateTableAsync(request, ct);
            }
            catch (ResourceInUseException)
            {
                // Another instance created it between our check and our create: same outcome.
            }
        }
        await WaitUntilActiveAsync(dynamo, tableName, ct);
        await AddMissingIndexesAsync(dynamo, tableName, table, ct);
    }

    /// <summary>A table made by an older version lacks the indexes added since; DynamoDB adds one per update.</summary>
    private static async Task AddMissingIndexesAsync(IAmazonDynamoDB dynamo, string tableName, TableDefinition table, CancellationToken ct)
    {
        var existing = (await dynamo.DescribeTableAsync(tableName, ct)).Table.GlobalSecondaryIndexes?.Select(i => i.IndexName).ToHashSet() ?? [];
        foreach (var index in table.Indexes.Where(i => !existing.Contains(i.Name)))
        {
            await dynamo.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = tableName,
                AttributeDefinitions = [new(index.PartitionKeyAttribute, ScalarAttributeType.S), new(index.SortKeyAttribute, ScalarAttributeType.S)],
                GlobalSecondaryIndexUpdates = [new GlobalSecondaryIndexUpdate { Create = new CreateGlobalSecondaryIndexAction
                {
                    IndexName = index.Name, KeySchema = Index(index).KeySchema, Projection = Index(index).Projection,
                } }],
            }, ct);
            await WaitUntilActiveAsync(dynamo, tableName, ct);
        }
    }

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var description = (await dynamo.DescribeTableAsync(tableName, ct)).Table;
            if (description.TableStatus == TableStatus.ACTIVE && (description.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
                return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"DynamoDB table '{tableName}' did not become ACTIVE.");
            await Task.Delay(250, ct);
        }
    }

    private static GlobalSecondaryIndex Index(IndexDefinition index) => new()
    {
        IndexName = index.Name,
        KeySchema = [new KeySchemaElement(index.PartitionKeyAttribute, KeyType.HASH), new KeySchemaElement(index.SortKeyAttribute, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };

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
