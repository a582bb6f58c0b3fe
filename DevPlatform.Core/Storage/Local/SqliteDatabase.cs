using Microsoft.Data.Sqlite;

namespace DevPlatform.Core.Storage.Local;

/// <summary>One SQLite file of the embedded mode; hands out pooled connections with WAL and a busy timeout set.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds a command waits for another writer's lock before failing. Microsoft.Data.Sqlite's async calls run
            // synchronously (on a circuit's thread, in a page), so the wait is kept short: writes here take milliseconds.
            DefaultTimeout = 5,
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The column names of a table, as SQLite stores them.</summary>
    public static HashSet<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info({Literal(table.Replace('-', '_'))});";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static string Literal(string name)
    {
        Identifier(name);
        return "'" + name + "'";
    }

    /// <summary>Table and column names come from code, never from users; this keeps that true.</summary>
    public static string Identifier(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException($"'{name}' is not a valid storage name.", nameof(name));
        return "\"" + name.Replace('-', '_') + "\"";
    }
}
