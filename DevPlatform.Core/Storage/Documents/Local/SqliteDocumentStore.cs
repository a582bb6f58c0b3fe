using System.Collections.Concurrent;
using DevPlatform.Core.Storage.Local;
using Microsoft.Data.Sqlite;

namespace DevPlatform.Core.Storage.Documents.Local;

/// <summary>
/// Embedded documents: one SQLite table per logical table, with real indexed columns for the key and index
/// attributes and the body as JSON. Keyset paging mirrors DynamoDB's ordering (binary, i.e. UTF-8 byte order).
/// </summary>
public sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore, IBackendProbe
{
    public string Backend => "documents";

    public async Task ProbeAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        SqliteDatabase.Execute(connection, "SELECT 1;");
    }

    private readonly ConcurrentDictionary<string, TableDefinition> _tables = new();

    public async Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        foreach (var table in tables)
        {
            var name = SqliteDatabase.Identifier(table.Name);
            var indexColumns = string.Concat(table.IndexAttributes.Select(a => $", {SqliteDatabase.Identifier(a)} TEXT"));
            SqliteDatabase.Execute(connection,
                $"CREATE TABLE IF NOT EXISTS {name} (pk TEXT NOT NULL, sk TEXT NOT NULL, version INTEGER NOT NULL, " +
                $"body TEXT NOT NULL, counter INTEGER NOT NULL DEFAULT 0{indexColumns}, PRIMARY KEY (pk, sk)) WITHOUT ROWID;");
            foreach (var index in table.Indexes)
            {
                var indexName = SqliteDatabase.Identifier($"{table.Name}_{index.Name}");
                SqliteDatabase.Execute(connection,
                    $"CREATE INDEX IF NOT EXISTS {indexName} ON {name} ({SqliteDatabase.Identifier(index.PartitionKeyAttribute)}, " +
                    $"{SqliteDatabase.Identifier(index.SortKeyAttribute)}, pk, sk);");
            }
            _tables[table.Name] = table;
        }
    }

    public async Task<DocumentItem?> GetAsync(string table, DocumentKey key, CancellationToken ct = default)
    {
        var items = await BatchGetAsync(table, [key], ct);
        return items.Count == 0 ? null : items[0];
    }

    public async Task<IReadOnlyList<DocumentItem>> BatchGetAsync(string table, IReadOnlyCollection<DocumentKey> keys, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var found = new List<DocumentItem>(keys.Count);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SelectList(definition)} FROM {SqliteDatabase.Identifier(table)} WHERE pk = $pk AND sk = $sk;";
        var pk = command.Parameters.Add("$pk", SqliteType.Text);
        var sk = command.Parameters.Add("$sk", SqliteType.Text);
        foreach (var key in keys.Distinct())
        {
            pk.Value = key.PartitionKey;
            sk.Value = key.SortKey;
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) found.Add(ReadItem(reader, definition));
        }
        return found;
    }

    public async Task PutAsync(string table, DocumentItem item, WriteCondition condition, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var attributes = definition.IndexAttributes;
        var columns = string.Concat(attributes.Select(a => ", " + SqliteDatabase.Identifier(a)));
        var values = string.Concat(attributes.Select((_, i) => $", $a{i}"));
        var updates = string.Concat(attributes.Select((a, i) => $", {SqliteDatabase.Identifier(a)} = $a{i}"));
        var name = SqliteDatabase.Identifier(table);
        var insert = $"INSERT INTO {name} (pk, sk, version, body{columns}) VALUES ($pk, $sk, $version, $body{values})";
        var sql = condition switch
        {
            WriteCondition.AbsentCondition => insert + " ON CONFLICT (pk, sk) DO NOTHING;",
            WriteCondition.VersionCondition => $"UPDATE {name} SET version = $version, body = $body{updates} WHERE pk = $pk AND sk = $sk AND version = $expected;",
            _ => insert + $" ON CONFLICT (pk, sk) DO UPDATE SET version = $version, body = $body{updates};",
        };
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddKey(command, item.Key);
        command.Parameters.AddWithValue("$version", item.Version);
        command.Parameters.AddWithValue("$body", item.Body);
        for (var i = 0; i < attributes.Count; i++)
            command.Parameters.AddWithValue($"$a{i}", item.IndexKeys.TryGetValue(attributes[i], out var v) ? v : DBNull.Value);
        if (condition is WriteCondition.VersionCondition expected) command.Parameters.AddWithValue("$expected", expected.Expected);
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new ConditionalWriteFailedException(table, item.Key);
    }

    public async Task DeleteAsync(string table, DocumentKey key, WriteCondition condition, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {SqliteDatabase.Identifier(table)} WHERE pk = $pk AND sk = $sk" +
            (condition is WriteCondition.VersionCondition ? " AND version = $expected;" : ";");
        AddKey(command, key);
        if (condition is WriteCondition.VersionCondition expected) command.Parameters.AddWithValue("$expected", expected.Expected);
        var deleted = await command.ExecuteNonQueryAsync(ct);
        if (deleted == 0 && condition is WriteCondition.VersionCondition) throw new ConditionalWriteFailedException(table, key);
    }

    public async Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {SqliteDatabase.Identifier(table)} (pk, sk, version, body, counter) VALUES ($pk, $sk, 0, '{{}}', $delta) " +
            "ON CONFLICT (pk, sk) DO UPDATE SET counter = counter + excluded.counter RETURNING counter;";
        AddKey(command, key);
        command.Parameters.AddWithValue("$delta", delta);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<long> GetCounterAsync(string table, DocumentKey key, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT counter FROM {SqliteDatabase.Identifier(table)} WHERE pk = $pk AND sk = $sk;";
        AddKey(command, key);
        return await command.ExecuteScalarAsync(ct) is long value ? value : 0;
    }

    public async Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var index = query.IndexName is null ? null : definition.Index(query.IndexName);
        var partitionColumn = index is null ? "pk" : SqliteDatabase.Identifier(index.PartitionKeyAttribute);
        var sortColumn = index is null ? "sk" : SqliteDatabase.Identifier(index.SortKeyAttribute);
        // Ties on an index sort key are broken by the table key, so the order (and the token) is total.
        var orderColumns = index is null ? new[] { "sk" } : [sortColumn, "pk", "sk"];
        var direction = query.Descending ? "DESC" : "ASC";

        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = new List<string> { $"{partitionColumn} = $partition" };
        command.Parameters.AddWithValue("$partition", query.PartitionKey);
        if (index is not null) where.Add($"{sortColumn} IS NOT NULL");
        switch (query.SortKey)
        {
            case SortKeyCondition.Prefix prefix:
                where.Add($"{sortColumn} >= $prefix AND substr({sortColumn}, 1, length($prefix)) = $prefix");
                command.Parameters.AddWithValue("$prefix", prefix.Value);
                break;
            case SortKeyCondition.Range range:
                where.Add($"{sortColumn} BETWEEN $from AND $to");
                command.Parameters.AddWithValue("$from", range.From);
                command.Parameters.AddWithValue("$to", range.To);
                break;
        }
        if (query.ContinuationToken is not null)
        {
            var position = ContinuationToken.Decode(query.ContinuationToken);
            var names = index is null ? new[] { "sk" } : [index.SortKeyAttribute, "pk", "sk"];
            if (!names.All(position.ContainsKey)) throw new InvalidContinuationTokenException();
            var afterParameters = names.Select((n, i) => $"$after{i}").ToArray();
            for (var i = 0; i < names.Length; i++) command.Parameters.AddWithValue(afterParameters[i], position[names[i]]);
            where.Add($"({string.Join(", ", orderColumns)}) {(query.Descending ? "<" : ">")} ({string.Join(", ", afterParameters)})");
        }
        command.CommandText = $"SELECT {SelectList(definition)} FROM {SqliteDatabase.Identifier(table)} WHERE {string.Join(" AND ", where)} " +
            $"ORDER BY {string.Join(", ", orderColumns.Select(c => $"{c} {direction}"))} LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit + 1);

        var items = new List<DocumentItem>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(ReadItem(reader, definition));
        if (items.Count <= query.Limit) return new DocumentPage(items, null);
        items.RemoveAt(items.Count - 1);
        return new DocumentPage(items, ContinuationToken.After(items[^1], index));
    }

    private TableDefinition Definition(string table) =>
        _tables.TryGetValue(table, out var definition)
            ? definition
            : throw new InvalidOperationException($"Table '{table}' was not ensured; call EnsureTablesAsync at start-up.");

    private static string SelectList(TableDefinition definition) =>
        "pk, sk, version, body" + string.Concat(definition.IndexAttributes.Select(a => ", " + SqliteDatabase.Identifier(a)));

    private static DocumentItem ReadItem(SqliteDataReader reader, TableDefinition definition)
    {
        var indexKeys = new Dictionary<string, string>();
        var attributes = definition.IndexAttributes;
        for (var i = 0; i < attributes.Count; i++)
            if (!reader.IsDBNull(4 + i)) indexKeys[attributes[i]] = reader.GetString(4 + i);
        return new DocumentItem(new DocumentKey(reader.GetString(0), reader.GetString(1)), reader.GetString(3), reader.GetInt64(2))
        {
            IndexKeys = indexKeys,
        };
    }

    private static void AddKey(SqliteCommand command, DocumentKey key)
    {
        command.Parameters.AddWithValue("$pk", key.PartitionKey);
        command.Parameters.AddWithValue("$sk", key.SortKey);
    }
}
