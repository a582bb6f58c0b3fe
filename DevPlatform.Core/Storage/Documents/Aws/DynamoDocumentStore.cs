using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DevPlatform.Core.Storage.Aws;

namespace DevPlatform.Core.Storage.Documents.Aws;

/// <summary>Documents on DynamoDB: pk/sk string keys, body as a string attribute, numeric version and counter.</summary>
public sealed partial class DynamoDocumentStore(IAmazonDynamoDB dynamo, AwsOptions options) : IDocumentStore, IBackendProbe
{
    public string Backend => "documents";

    /// <summary>A table this store ensured, so the probe touches something that exists.</summary>
    public Task ProbeAsync(CancellationToken ct) => dynamo.DescribeTableAsync(options.Name(SystemTable.Name), ct);

    private readonly Dictionary<string, TableDefinition> _tables = [];
    private readonly Lock _tablesLock = new();
    private ContinuationTokenCodec? _tokens;

    public async Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default)
    {
        foreach (var table in tables.Append(SystemTable.Definition))
        {
            if (options.CreateResources) await DynamoTableCreator.CreateIfMissingAsync(dynamo, options.Name(table.Name), table, ct);
            else await DynamoTableCreator.RequireAsync(dynamo, options.Name(table.Name), ct);
            lock (_tablesLock) _tables[table.Name] = table;
        }
        _tokens ??= new ContinuationTokenCodec(await SystemTable.SecretAsync(this, "continuation-tokens", ct));
    }

    public async Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = options.Name(table), Key = KeyAttributes(key), ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 } item ? ToItem(item, Definition(table)) : null;
    }

    public async Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var name = options.Name(table);
        var found = new List<DocumentItem>(keys.Count);
        foreach (var chunk in keys.Distinct().Chunk(100))
        {
            var pending = new KeysAndAttributes { Keys = chunk.Select(KeyAttributes).ToList(), ConsistentRead = true };
            while (pending.Keys is { Count: > 0 })
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [name] = pending },
                }, ct);
                if (response.Responses?.TryGetValue(name, out var items) == true)
                    found.AddRange(items.Select(i => ToItem(i, definition)));
                pending = response.UnprocessedKeys?.GetValueOrDefault(name) ?? new KeysAndAttributes();
            }
        }
        return found;
    }

    public async Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var attributes = KeyAttributes(item.Key);
        attributes["version"] = Number(item.Version);
        attributes["body"] = new AttributeValue { S = item.Body };
        if (item.Pending is not null) attributes["pending"] = new AttributeValue { S = item.Pending };
        foreach (var attribute in definition.IndexAttributes)
            if (item.IndexKeys.TryGetValue(attribute, out var value)) attributes[attribute] = new AttributeValue { S = value };
        var request = new PutItemRequest { TableName = options.Name(table), Item = attributes };
        ApplyCondition(request, condition);
        try
        {
            await dynamo.PutItemAsync(request, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ConditionalWriteFailedException(table, item.Key);
        }
    }

    public async Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default)
    {
        var request = new DeleteItemRequest { TableName = options.Name(table), Key = KeyAttributes(key) };
        if (condition is WriteCondition.VersionCondition version)
        {
            request.ConditionExpression = "version = :expected";
            request.ExpressionAttributeValues = new() { [":expected"] = Number(version.Expected) };
        }
        try
        {
            await dynamo.DeleteItemAsync(request, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ConditionalWriteFailedException(table, key);
        }
    }

    private static string Bind(QueryRequest request, string expression, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values) request.ExpressionAttributeValues[name] = new AttributeValue { S = value };
        return expression;
    }

    private static void ApplyCondition(PutItemRequest request, WriteCondition condition)
    {
        switch (condition)
        {
            case WriteCondition.AbsentCondition:
                request.ConditionExpression = "attribute_not_exists(pk)";
                break;
            case WriteCondition.VersionCondition version:
                request.ConditionExpression = "version = :expected";
                request.ExpressionAttributeValues = new() { [":expected"] = Number(version.Expected) };
                break;
        }
    }

    private ContinuationTokenCodec Tokens =>
        _tokens ?? throw new InvalidOperationException("The store was not ensured; call EnsureTablesAsync at start-up.");

    private TableDefinition Definition(string table)
    {
        lock (_tablesLock)
            return _tables.TryGetValue(table, out var definition)
                ? definition
                : throw new InvalidOperationException($"Table '{table}' was not ensured; call EnsureTablesAsync at start-up.");
    }

    private static Dictionary<string, AttributeValue> KeyAttributes(DocumentKey key) => new()
    {
        ["pk"] = new AttributeValue { S = key.PartitionKey },
        ["sk"] = new AttributeValue { S = key.SortKey },
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static DocumentItem ToItem(Dictionary<string, AttributeValue> item, TableDefinition definition)
    {
        var indexKeys = definition.IndexAttributes
            .Where(item.ContainsKey)
            .ToDictionary(a => a, a => item[a].S);
        return new DocumentItem(
            new DocumentKey(item["pk"].S, item["sk"].S),
            item.TryGetValue("body", out var body) ? body.S : "{}",
            item.TryGetValue("version", out var version) ? long.Parse(version.N, CultureInfo.InvariantCulture) : 0)
        {
            IndexKeys = indexKeys,
            Pending = item.TryGetValue("pending", out var pending) ? pending.S : null,
        };
    }
}
