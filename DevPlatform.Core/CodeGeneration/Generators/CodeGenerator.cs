using DevPlatform.Core.CodeGeneration.Generators.CSharp;
using DevPlatform.Core.CodeGeneration.Generators.OpenApi;
using DevPlatform.Core.CodeGeneration.Generators.Sql;
using DevPlatform.Core.CodeGeneration.Generators.TypeScript;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>
/// Turns a schema into files: a pure function, with no clock, randomness or I/O, so the same schema and targets give
/// the same files byte for byte — which keeps an archive's SHA-256 stable and makes diffs between runs meaningful.
/// </summary>
public static class CodeGenerator
{
    /// <summary>Every target, in the order the page lists them.</summary>
    public static readonly IReadOnlyList<CodeTarget> AllTargets = [CodeTarget.CSharp, CodeTarget.TypeScript, CodeTarget.Sql, CodeTarget.OpenApi];

    /// <summary>The files of the chosen targets, in ordinal order of their paths.</summary>
    /// <exception cref="CodeGenerationException">The schema cannot be turned into code; the message says why.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(SchemaDefinition schema, GenerationSettings settings, IEnumerable<CodeTarget> targets)
    {
        var layout = SchemaLayout.Of(schema);
        var files = new List<GeneratedFile>();
        foreach (var target in targets.Distinct().Order())
        {
            files.AddRange(target switch
            {
                CodeTarget.CSharp => CSharpProject.Generate(layout, settings),
                CodeTarget.TypeScript => TypeScriptClient.Generate(layout, settings),
                CodeTarget.Sql => SqlSchema.Generate(layout, settings),
                CodeTarget.OpenApi => [OpenApiDocumentWriter.Generate(layout, settings)],
                _ => throw new CodeGenerationException($"Unknown target {target}."),
            });
        }
        if (files.Count == 0) throw new CodeGenerationException("Choose at least one target.");
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
