using System.Globalization;
using System.Text.Json;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators.Sql;

/// <summary>Where PostgreSQL and SQLite differ: column types, checks, literals, and whether keys go inline.</summary>
internal abstract class SqlDialect
{
    public abstract string Title { get; }

    public abstract string FileName { get; }

    public abstract string KeyType { get; }

    /// <summary>SQLite cannot add a foreign key to an existing table but checks references only when rows change, so its keys go inline; PostgreSQL's follow the tables.</summary>
    public abstract bool InlineForeignKeys { get; }

    public abstract string ColumnType(SchemaField field);

    public virtual IEnumerable<string> Checks(SchemaField field, string column)
    {
        if (field.Type == FieldType.Enum)
            yield return $"{column} IN ({string.Join(", ", (field.Values ?? []).Select(Naming.SqlString))})";
    }

    public abstract string Literal(FieldType type, object value);

    protected static string Number(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    protected static string Text(object value) => value switch
    {
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => FieldDefaults.Iso(at),
        Guid id => id.ToString("D"),
        JsonElement json => json.GetRawText(),
        _ => Number(value),
    };
}

internal sealed class PostgreSqlDialect : SqlDialect
{
    public override string Title => "PostgreSQL";

    public override string FileName => "postgresql.sql";

    public override string KeyType => "uuid";

    public override bool InlineForeignKeys => false;

    public override string ColumnType(SchemaField field) => field.Type switch
    {
        FieldType.String => field.MaxLength is { } max ? $"varchar({max})" : "text",
        FieldType.Text or FieldType.Enum => "text",
        FieldType.Int => "integer",
        FieldType.Long => "bigint",
        FieldType.Decimal => "numeric",
        FieldType.Bool => "boolean",
        FieldType.Date => "date",
        FieldType.DateTime => "timestamptz",
        FieldType.Uuid => "uuid",
        FieldType.Json => "jsonb",
        _ => throw new CodeGenerationException($"The field type {field.Type} has no PostgreSQL type."),
    };

    public override string Literal(FieldType type, object value) => value switch
    {
        bool flag => flag ? "TRUE" : "FALSE",
        long or decimal => Number(value),
        _ => Naming.SqlString(Text(value)),
    };
}

internal sealed class SqliteDialect : SqlDialect
{
    public override string Title => "SQLite";

    public override string FileName => "sqlite.sql";

    public override string KeyType => "TEXT";

    public override bool InlineForeignKeys => true;

    public override string ColumnType(SchemaField field) => field.Type switch
    {
        FieldType.Int or FieldType.Long or FieldType.Bool => "INTEGER",
        FieldType.Decimal => "NUMERIC",
        _ => "TEXT",
    };

    public override IEnumerable<string> Checks(SchemaField field, string column)
    {
        foreach (var check in base.Checks(field, column)) yield return check;
        if (field.Type == FieldType.String && field.MaxLength is { } max) yield return $"length({column}) <= {max}";
        if (field.Type == FieldType.Bool) yield return $"{column} IN (0, 1)";
        if (field.Type == FieldType.Json) yield return $"json_valid({column})";
    }

    public override string Literal(FieldType type, object value) => value switch
    {
        bool flag => flag ? "1" : "0",
        long or decimal => Number(value),
        _ => Naming.SqlString(Text(value)),
    };
}
