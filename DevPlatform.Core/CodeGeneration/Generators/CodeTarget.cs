using System.Text.Json.Serialization;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>What a run generates, written in JSON as the issue writes it ("csharp", "typescript", "sql", "openapi").</summary>
public enum CodeTarget
{
    [JsonStringEnumMemberName("csharp")] CSharp,
    [JsonStringEnumMemberName("typescript")] TypeScript,
    [JsonStringEnumMemberName("sql")] Sql,
    [JsonStringEnumMemberName("openapi")] OpenApi,
}

/// <summary>One file of the output: a path relative to the archive's root ('/'-separated) and its text (UTF-8, '\n' line ends).</summary>
public sealed record GeneratedFile(string Path, string Content);

/// <param name="Name">The schema's name: the generated project's and document's title ("Shop" → namespace Shop.Api).</param>
/// <param name="Version">The schema version generated from, written into the outputs so a reader knows their source.</param>
public sealed record GenerationSettings(string Name, long Version);

/// <summary>The schema cannot be turned into code (a default that is not of its field's type, say); the message says why.</summary>
public sealed class CodeGenerationException(string message) : Exception(message);
