using System.Security.Cryptography;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.OpenApi;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>The TypeScript, SQL and OpenAPI outputs checked by the tools that read them, and the generator's determinism.</summary>
public sealed class GeneratedSchemaFilesTests
{
    [Fact]
    public async Task SameSchemaGivesTheSameArchiveBytes()
    {
        var first = await ArchiveHashAsync(GeneratedFiles.Shop());
        var second = await ArchiveHashAsync(GeneratedFiles.Shop());

        Assert.Equal(first, second);
        Assert.Equal(GeneratedFiles.Shop().Select(f => f.Path).Order(StringComparer.Ordinal), GeneratedFiles.Shop().Select(f => f.Path));
    }

    [Fact]
    public async Task TypeScriptPassesTscNoEmit()
    {
        var folder = GeneratedFiles.WriteToTemporaryFolder(GeneratedFiles.Shop(CodeTarget.TypeScript));
        try
        {
            var tools = await TestTools.EnsureInstalledAsync();
            var (exitCode, output) = await GeneratedCSharpApp.RunAsync(Path.Combine(tools, "node_modules", ".bin", "node"),
                [Path.Combine(tools, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", Path.Combine(folder, "typescript", "tsconfig.json")], folder);

            Assert.True(exitCode == 0, "tsc --noEmit failed:\n" + output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SqliteDdlExecutesAndEnforcesTheSchemaRules()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, GeneratedFiles.Content(GeneratedFiles.Shop(CodeTarget.Sql), "sql/sqlite.sql"));

        var customer = Guid.NewGuid().ToString();
        Execute(connection, $"INSERT INTO \"customer\" (\"id\", \"email\", \"display_name\") VALUES ('{customer}', 'a@example.com', 'Ana');");
        Assert.Equal("standard", Scalar(connection, $"SELECT \"tier\" FROM \"customer\" WHERE \"id\" = '{customer}';"));
        Assert.Throws<SqliteException>(() => Execute(connection, $"UPDATE \"customer\" SET \"tier\" = 'diamond' WHERE \"id\" = '{customer}';"));
        Assert.Throws<SqliteException>(() => Execute(connection,
            $"INSERT INTO \"address\" (\"id\", \"line1\", \"city\", \"customer_id\") VALUES ('{Guid.NewGuid()}', 'x', 'y', '{Guid.NewGuid()}');"));
        Assert.Throws<SqliteException>(() => Execute(connection,
            $"INSERT INTO \"customer\" (\"id\", \"email\", \"display_name\") VALUES ('{Guid.NewGuid()}', 'a@example.com', 'Twin');"));
        var tables = Scalar(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);");
        Assert.Equal("address,category,customer,invoice,order,order_line,product,product_tags,review,supplier,tag", tables);
    }

    [Fact]
    public void PostgreSqlDdlIsStructurallySound()
    {
        // No PostgreSQL server on this machine: the statements are checked for shape, and every reference for a table.
        var sql = GeneratedFiles.Content(GeneratedFiles.Shop(CodeTarget.Sql), "sql/postgresql.sql");
        var statements = sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries).Select(s => string.Join('\n', s.Split('\n').Where(l => !l.StartsWith("--")))).Where(s => s.Trim().Length > 0).ToList();

        Assert.All(statements, s => Assert.Equal(s.Count(c => c == '('), s.Count(c => c == ')')));
        Assert.All(statements, s => Assert.Matches("^(CREATE TABLE|ALTER TABLE|CREATE INDEX|CREATE UNIQUE INDEX) ", s.Trim()));
        var tables = statements.Where(s => s.Trim().StartsWith("CREATE TABLE")).Select(s => s.Trim().Split(' ')[2]).ToHashSet();
        Assert.Equal(11, tables.Count);
        var references = System.Text.RegularExpressions.Regex.Matches(sql, "REFERENCES (\"[a-z_]+\")").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(13, references.Count);
        Assert.All(references, r => Assert.Contains(r, tables));
        Assert.Contains("\"tier\" text NOT NULL DEFAULT 'standard' CHECK (\"tier\" IN ('standard', 'gold', 'platinum'))", sql);
        Assert.Contains("CREATE UNIQUE INDEX \"ux_product_supplier_sku\" ON \"product\" (\"supplier_id\", \"sku\");", sql);
    }

    [Fact]
    public async Task OpenApiDocumentLoadsWithoutErrors()
    {
        var json = GeneratedFiles.Content(GeneratedFiles.Shop(CodeTarget.OpenApi), "openapi/openapi.json");

        var result = OpenApiDocument.Parse(json, "json");

        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic?.SpecificationVersion);
        Assert.Equal(21, result.Document!.Paths.Count);
        Assert.Equal(22, result.Document.Components!.Schemas!.Count);
        await Task.CompletedTask;
    }

    [Fact]
    public void DefaultNotOfItsTypeStopsGenerationWithTheReason()
    {
        var schema = new SchemaDefinition([new SchemaEntity("Thing", [new SchemaField("count", FieldType.Int, Default: "many")])]);

        var error = Assert.Throws<CodeGenerationException>(() => CodeGenerator.Generate(schema, GeneratedFiles.Settings, CodeGenerator.AllTargets));

        Assert.Equal("Thing.count: the default 'many' is not a valid int.", error.Message);
    }

    private static async Task<string> ArchiveHashAsync(IReadOnlyList<GeneratedFile> files)
    {
        using var buffer = new MemoryStream();
        await CodeArchive.WriteAsync(buffer, files, null, CancellationToken.None);
        return Convert.ToHexString(SHA256.HashData(buffer.ToArray()));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
