using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>The shop schema's generated files, and a way to lay them out in a folder of their own.</summary>
public static class GeneratedFiles
{
    public static readonly GenerationSettings Settings = new("Shop", 3);

    public static IReadOnlyList<GeneratedFile> Shop(params CodeTarget[] targets) =>
        CodeGenerator.Generate(TestSchemas.Shop(), Settings, targets.Length == 0 ? CodeGenerator.AllTargets : targets);

    /// <summary>Writes the files under a new temporary folder (outside the repository, so its build settings do not apply).</summary>
    public static string WriteToTemporaryFolder(IEnumerable<GeneratedFile> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "devplatform-generated", Guid.NewGuid().ToString("N"));
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
        return folder;
    }

    public static string Content(IEnumerable<GeneratedFile> files, string path) => files.Single(f => f.Path == path).Content;
}
