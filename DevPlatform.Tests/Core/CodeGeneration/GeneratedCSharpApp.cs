using System.Diagnostics;
using DevPlatform.Tests.Infrastructure;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>
/// The C# project generated from the shop schema, built once with `dotnet build` offline (the only package source is
/// this machine's NuGet cache, and the project needs none) and run on a free loopback port for the tests to call.
/// </summary>
public sealed class GeneratedCSharpApp : IAsyncLifetime
{
    private ChildProcess? _app;
    private string _folder = "";

    public HttpClient Client { get; private set; } = null!;

    public string BuildOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // The shop, plus an entity named like a type of the generated project itself ("Store").
        var schema = new SchemaDefinition([.. TestSchemas.Shop().Entities,
            new SchemaEntity("Store", [new SchemaField("label", FieldType.String, Required: true, MaxLength: 60)], [new SchemaRelation("products", RelationKind.ManyToMany, "Product")])]);
        _folder = GeneratedFiles.WriteToTemporaryFolder(CodeGenerator.Generate(schema, GeneratedFiles.Settings, [CodeTarget.CSharp]));
        var project = Path.Combine(_folder, "csharp");
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // No build servers: a compiler server left running would hold this process's output pipes open.
        var (exitCode, output) = await RunAsync("dotnet", ["build", "-c", "Release", "--source", cache, "--disable-build-servers", "-nologo"], project);
        BuildOutput = output;
        if (exitCode != 0) throw new InvalidOperationException("The generated project did not build:\n" + output);
        var port = ChildProcess.FreePort();
        _app = new ChildProcess("dotnet", [Path.Combine(project, "bin", "Release", "net10.0", "Shop.Api.dll"), "--urls", $"http://127.0.0.1:{port}"], project,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_NOLOGO"] = "1" });
        await _app.WaitForPortAsync(port, TimeSpan.FromSeconds(60), "the generated API");
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _app?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" },
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} took over 4 minutes:\n{await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
