using System.Collections.Concurrent;
using DevPlatform.Core.Storage.Local;
using Microsoft.Data.Sqlite;

namespace DevPlatform.Core.Storage.Documents.Local;

/// <summary>
/// Embedded documents: one SQLite table per logical table, with real indexed columns for the key and index
/// attributes and the body as JSON. Keyset paging mirrors DynamoDB's ordering (binary, i.e. UTF-8 byte order).
/// </summary>
public sealed partial class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore, IBackendProbe
{
    private readonly ConcurrentDictionary<string, TableDefinition> _tables = new();
    private ContinuationTokenCodec? _tokens;

    public string Backend => "documents";

    public async Task ProbeAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        SqliteDatabase.Execute(connection, $"SELECT 1 FROM {SqliteDatabase.Identifier(SystemTable.Name)} LIMIT 1;");
    }

    public async Task EnsureTablesAsync(IEnumerable<TableDefinition> tables, CancellationToken ct = default)
    {
        await using (var connection = await database.OpenAsync(ct))
        {
            foreach (var table in tables.Append(SystemTable.Definition)) EnsureTable(connection, table);
            SqliteDatabase.Execute(connection,
                "CREATE TABLE IF NOT EXISTS counter_operations (tbl TEXT NOT NULL, pk TEXT NOT NULL, sk TEXT NOT NULL, op TEXT NOT NULL, " +
                "PRIMARY KEY (tbl, pk, sk, op)) WITHOUT ROWID;");
        }
        _tokens ??= new ContinuationTokenCodec(await SystemTable.SecretAsync(this, "continuation-tokens", ct));
    }

    private void EnsureTable(SqliteConnection connection, TableDefinition table)
    {
        var name = SqliteDatabase.Identifier(table.Name);
        SqliteDatabase.Execute(connection,
            $"CREATE TABLE IF NOT EXISTS {name} (pk TEXT NOT NULL, sk TEXT NOT NULL, version INTEGER NOT NULL, " +
            "body TEXT NOT NULL, counter INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (pk, sk)) WITHOUT ROWID;");
        // Columns added since the table was first made (a new index, pending work) are added in place.
        var existing = SqliteDatabase.Columns(connection, table.Name);
        foreach (var column in table.IndexAttributes.Select(SqliteDatabase.Identifier).Append("\"pending\"").Where(c => !existing.Contains(c.Trim('"'))))
            SqliteDatabase.Execute(connection, $"ALTER TABLE {name} ADD COLUMN {column} TEXT;");
        foreach (var index in table.Indexes)
        {
            var indexName = SqliteDatabase.Identifier($"{table.Name}_{index.Name}");
            SqliteDatabase.Execute(connection,
                $"CREATE INDEX IF NOT EXISTS {indexName} ON {name} ({SqliteDatabase.Identifier(index.PartitionKeyAttribute)}, " +
                $"{SqliteDatabase.Identifier(index.SortKeyAttribute)}, pk, sk);");
        }
        _tables[table.Name] = table;
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
        // A put replaces the whole item, as DynamoDB's PutItem does: the counter starts again at 0.
        var updates = "version = $version, body = $body, pending = $pending, counter = 0" +
            string.Concat(attributes.Select((a, i) => $", {SqliteDatabase.Identifier(a)} = $a{i}"));
        var name = SqliteDatabase.Identifier(table);
        var insert = $"INSERT INTO {name} (pk, sk, version, body, pending{columns}) VALUES ($pk, $sk, $version, $body, $pending{values})";
        var sql = condition switch
        {
            WriteCondition.AbsentCondition => insert + " ON CONFLICT (pk, sk) DO NOTHING;",
            WriteCondition.VersionCondition => $"UPDATE {name} SET {updates} WHERE pk = $pk AND sk = $sk AND version = $expected;",
            _ => insert + $" ON CONFLICT (pk, sk) DO UPDATE SET {updates};",
        };
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddKey(command, item.Key);
        command.Parameters.AddWithValue("$version", item.Version);
        command.Parameters.AddWithValue("$body", item.Body);
        command.Parameters.AddWithValue("$pending", (object?)item.Pending ?? DBNull.Value);
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

    private TableDefinition Definition(string table) =>
        _tables.TryGetValue(table, out var definition)
            ? definition
            : throw new InvalidOperationException($"Table '{table}' was not ensured; call EnsureTablesAsync at start-up.");

    private ContinuationTokenCodec Tokens =>
        _tokens ?? throw new InvalidOperationException("The store was not ensured; call EnsureTablesAsync at start-up.");

    private static string SelectList(TableDefinition definition) =>
        "pk, sk, version, body, pending" + string.Concat(definition.IndexAttributes.Select(a => ", " + SqliteDatabase.Identifier(a)));

    private static DocumentItem ReadItem(SqliteDataReader reader, TableDefinition definition)
    {
        var indexKeys = new Dictionary<string, string>();
        var attributes = definition.IndexAttributes;
        for (var i = 0; i < attributes.Count; i++)
            if (!reader.IsDBNull(5 + i)) indexKeys[attributes[i]] = reader.GetString(5 + i);
        return new DocumentItem(new DocumentKey(reader.GetString(0), reader.GetString(1)), reader.GetString(3), reader.GetInt64(2))
        {
            IndexKeys = indexKeys,
            Pending = reader.IsDBNull(4) ? null : reader.GetString(4),
        };
    }

    private static void AddKey(SqliteCommand command, DocumentKey key)
    {
        command.Parameters.AddWithValue("$pk", key.PartitionKey);
        command.Parameters.AddWithValue("$sk", key.SortKey);
    }
}
