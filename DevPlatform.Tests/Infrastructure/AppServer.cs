using System.Net.Http;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// The built app (DevPlatform.Web's own output) as a real process on a free loopback port, in Development: what a user
/// runs, with Kestrel, static assets and circuits. By default on the embedded storage in a fresh data folder; other
/// settings (AWS mode on the emulators, say) come as environment variables. It can be killed and started again on the
/// same data, as a crash and a restart would.
/// </summary>
public sealed class AppServer(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));
    private ChildProcess? _app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The embedded data folder this server (and its restarts) use.</summary>
    public string DataPath => _dataPath;

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var output = Path.Combine(RepositoryPaths.Root, "DevPlatform.Web", "bin", configuration, "net10.0");
        var port = ChildProcess.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__Provider"] = "Local",
            ["Storage__Local__DataPath"] = _dataPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        _app = new ChildProcess("dotnet", [Path.Combine(output, "DevPlatform.Web.dll"), "--urls", BaseUrl.ToString()], output, environment);
        await _app.WaitForPortAsync(port, TimeSpan.FromSeconds(60), "DevPlatform.Web");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetAsync(new Uri(BaseUrl, "/health"))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app never became healthy:\n" + _app.Output);
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever was in flight stops where it was.</summary>
    public void Kill()
    {
        _app?.Dispose();
        _app = null;
    }

    public string Output => _app?.Output ?? "";

    public Task DisposeAsync()
    {
        Kill();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
        return Task.CompletedTask;
    }
}
