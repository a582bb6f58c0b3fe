using DevPlatform.Core.Storage.Local;

namespace DevPlatform.Core.Storage.Documents.Local;

public sealed partial class SqliteDocumentStore
{
    public async Task<long> IncrementAsync(string table, DocumentKey key, long delta, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = IncrementSql(table) + " RETURNING counter;";
        AddKey(command, key);
        command.Parameters.AddWithValue("$delta", delta);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> IncrementOnceAsync(string table, DocumentKey key, long delta, string operationId, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        // The ledger row and the counter change commit together, so an operation is counted exactly once.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO counter_operations (tbl, pk, sk, op) VALUES ($table, $pk, $sk, $op) ON CONFLICT DO NOTHING;";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$op", operationId);
        command.Parameters.AddWithValue("$delta", delta);
        AddKey(command, key);
        var applied = await command.ExecuteNonQueryAsync(ct) == 1;
        if (applied)
        {
            command.CommandText = IncrementSql(table) + ";";
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return applied;
    }

    public async Task ReleaseIncrementAsync(string table, DocumentKey key, string operationId, CancellationToken ct = default)
    {
        Definition(table);
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM counter_operations WHERE tbl = $table AND pk = $pk AND sk = $sk AND op = $op;";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$op", operationId);
        AddKey(command, key);
        await command.ExecuteNonQueryAsync(ct);
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

    private static string IncrementSql(string table) =>
        $"INSERT INTO {SqliteDatabase.Identifier(table)} (pk, sk, version, body, counter) VALUES ($pk, $sk, 0, '{{}}', $delta) " +
        "ON CONFLICT (pk, sk) DO UPDATE SET counter = counter + excluded.counter";
}
