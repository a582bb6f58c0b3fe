using System.Net.Http;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// The built app (DevPlatform.Web's own output) as a real process on a free loopback port, in Development on the
/// embedded storage with a fresh data folder: what a user runs, with Kestrel, static assets and circuits.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));
    private ChildProcess? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var output = Path.Combine(RepositoryPaths.Root, "DevPlatform.Web", "bin", configuration, "net10.0");
        var port = ChildProcess.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _app = new ChildProcess("dotnet", [Path.Combine(output, "DevPlatform.Web.dll"), "--urls", BaseUrl.ToString()], output,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__Provider"] = "Local",
                ["Storage__Local__DataPath"] = _dataPath,
            });
        await _app.WaitForPortAsync(port, TimeSpan.FromSeconds(60), "DevPlatform.Web");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetAsync(new Uri(BaseUrl, "/health"))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app never became healthy:\n" + _app.Output);
            await Task.Delay(200);
        }
    }

    public string Output => _app?.Output ?? "";

    public Task DisposeAsync()
    {
        _app?.Dispose();
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
        return Task.CompletedTask;
    }
}
