using System.Text;
using DevPlatform.Core.Storage.Local;

namespace DevPlatform.Core.Storage.Documents.Local;

public sealed partial class SqliteDocumentStore
{
    public async Task<DocumentPage> QueryAsync(string table, DocumentQuery query, CancellationToken ct = default)
    {
        var definition = Definition(table);
        var index = query.IndexName is null ? null : definition.Index(query.IndexName);
        var partitionColumn = index is null ? "pk" : SqliteDatabase.Identifier(index.PartitionKeyAttribute);
        var sortColumn = index is null ? "sk" : SqliteDatabase.Identifier(index.SortKeyAttribute);
        // Ties on an index sort key are broken by the table key, so the order (and the token) is total.
        var orderColumns = index is null ? new[] { "sk" } : [sortColumn, "pk", "sk"];
        var direction = query.Descending ? "DESC" : "ASC";
        var position = query.ContinuationToken is null ? null : Tokens.Decode(table, query, query.ContinuationToken, index);

        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = new List<string> { $"{partitionColumn} = $partition" };
        command.Parameters.AddWithValue("$partition", query.PartitionKey);
        if (index is not null) where.Add($"{sortColumn} IS NOT NULL");
        switch (query.SortKey)
        {
            case SortKeyCondition.Prefix prefix:
                // A range the index can seek to and stop at, then the exact prefix test.
                where.Add($"{sortColumn} >= $prefix AND substr({sortColumn}, 1, length($prefix)) = $prefix");
                command.Parameters.AddWithValue("$prefix", prefix.Value);
                if (UpperBound(prefix.Value) is { } upper)
                {
                    where.Add($"{sortColumn} < $upper");
                    command.Parameters.AddWithValue("$upper", upper);
                }
                break;
            case SortKeyCondition.Range range:
                where.Add($"{sortColumn} BETWEEN $from AND $to");
                command.Parameters.AddWithValue("$from", range.From);
                command.Parameters.AddWithValue("$to", range.To);
                break;
        }
        if (position is not null)
        {
            var names = index is null ? new[] { "sk" } : [index.SortKeyAttribute, "pk", "sk"];
            var afterParameters = names.Select((_, i) => $"$after{i}").ToArray();
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
        return new DocumentPage(items, Tokens.After(table, query, items[^1], index));
    }

    /// <summary>
    /// The smallest string above every string that starts with <paramref name="prefix"/>: the prefix with its last code
    /// point raised by one (UTF-8 keeps code-point order, which is SQLite's binary order). Null when none exists.
    /// </summary>
    internal static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF) continue;
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var builder = new StringBuilder();
            foreach (var rune in runes) builder.Append(rune.ToString());
            return builder.Append(new Rune(next).ToString()).ToString();
        }
        return null;
    }
}
