using DevPlatform.Core.Storage.Aws;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// dynalite (DynamoDB) and fauxqs (SQS, SNS, S3) from tools/emulators, installed with npm ci when missing and
/// started on free loopback ports for the test run. They are never skipped: if they cannot start, tests fail.
/// </summary>
public sealed class AwsEmulators : IAsyncLifetime
{
    private static readonly string ToolsFolder = TestTools.Folder;
    private ChildProcess? _dynalite;
    private ChildProcess? _fauxqs;

    public string DynamoDbUrl { get; private set; } = "";
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Options for a fresh, isolated set of resources (its own prefix) on these emulators.</summary>
    public AwsOptions Options(string prefix) => new()
    {
        Region = "us-east-1",
        ServiceUrl = ServiceUrl,
        DynamoDbServiceUrl = DynamoDbUrl,
        ResourcePrefix = prefix,
        CreateResources = true,
    };

    public async Task InitializeAsync()
    {
        await TestTools.EnsureInstalledAsync();
        var node = Path.Combine(ToolsFolder, "node_modules", ".bin", "node");
        var dynamoPort = ChildProcess.FreePort();
        _dynalite = new ChildProcess(node,
            [Path.Combine(ToolsFolder, "node_modules", "dynalite", "cli.js"), "--host", "127.0.0.1", "--port", dynamoPort.ToString(),
             "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"], ToolsFolder);
        var servicePort = ChildProcess.FreePort();
        _fauxqs = new ChildProcess(node, [Path.Combine(ToolsFolder, "node_modules", "fauxqs", "dist", "cli.js")], ToolsFolder,
            new Dictionary<string, string> { ["FAUXQS_PORT"] = servicePort.ToString(), ["FAUXQS_HOST"] = "127.0.0.1", ["FAUXQS_LOGGER"] = "false" });
        await _dynalite.WaitForPortAsync(dynamoPort, TimeSpan.FromSeconds(30), "dynalite");
        await _fauxqs.WaitForPortAsync(servicePort, TimeSpan.FromSeconds(30), "fauxqs");
        DynamoDbUrl = $"http://127.0.0.1:{dynamoPort}";
        ServiceUrl = $"http://127.0.0.1:{servicePort}";
    }

    public Task DisposeAsync()
    {
        _dynalite?.Dispose();
        _fauxqs?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One set of emulators for every test class that needs AWS; classes in it run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AwsEmulatorCollection : ICollectionFixture<AwsEmulators>
{
    public const string Name = "AWS emulators";
}
