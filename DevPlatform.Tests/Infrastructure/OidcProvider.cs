using System.Diagnostics;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider for the sign-in tests: tools/oidc-provider (panva's oidc-provider on Node 22), installed
/// with npm ci when missing and started once per test run on a free loopback port. Its login form takes any login name;
/// the account's claims come from that name (<see cref="NameOf"/>, <see cref="EmailOf"/>, <see cref="PictureOf"/>).
/// </summary>
public sealed class OidcProvider : IAsyncLifetime
{
    public const string ClientId = "devplatform";
    public const string ClientSecret = "devplatform-secret";
    private static readonly string ToolsFolder = Path.Combine(RepositoryPaths.Root, "tools", "oidc-provider");
    private ChildProcess? _process;

    public Uri Url { get; private set; } = null!;

    /// <summary>The app's settings for signing in here (Development allows the http authority).</summary>
    public Dictionary<string, string> AppSettings() => new()
    {
        ["Authentication:Oidc:Authority"] = Url.ToString(),
        ["Authentication:Oidc:ClientId"] = ClientId,
        ["Authentication:Oidc:ClientSecret"] = ClientSecret,
    };

    public static string NameOf(string login) => $"{char.ToUpperInvariant(login[0])}{login[1..]} Example";
    public static string EmailOf(string login) => $"{login}@example.test";
    public static string PictureOf(string login) => $"https://pictures.example.test/{Uri.EscapeDataString(login)}.png";

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        var port = ChildProcess.FreePort();
        _process = new ChildProcess(Path.Combine(ToolsFolder, "node_modules", ".bin", "node"), ["provider.mjs", port.ToString()], ToolsFolder);
        await _process.WaitForOutputAsync("oidc-provider listening on", TimeSpan.FromSeconds(30), "oidc-provider");
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>What the provider printed (its warnings and errors), for failure messages.</summary>
    public string Output => _process?.Output ?? "";

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Path.Combine(ToolsFolder, "node_modules", ".bin", "node"))
            && File.Exists(Path.Combine(ToolsFolder, "node_modules", "oidc-provider", "package.json"))) return;
        var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = ToolsFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in {ToolsFolder} failed ({npm.ExitCode}):\n{await output}\n{await errors}");
    }
}

/// <summary>One provider for every test class that signs in through it; classes in it run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OidcProviderCollection : ICollectionFixture<OidcProvider>
{
    public const string Name = "OpenID provider";
}
