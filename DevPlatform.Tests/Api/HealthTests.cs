using System.Net;
using System.Text.Json;
using DevPlatform.Core.Storage;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Api;

/// <summary>GET /health: what it tells whom, and how often it reaches the backends.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const string Secret = "arn:aws:sns:us-east-1:123456789012:internal-topic";
    private readonly ScriptedProbe _probe = new();
    private readonly RecordingLoggerProvider _log = new();
    private readonly List<IAsyncDisposable> _started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started)) await started.DisposeAsync();
    }

    [Fact]
    public async Task AnonymousCallersSeeOnlyTheStatusAndWhetherEachBackendIsReachable()
    {
        var (status, body) = await GetHealthAsync(Start().CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["blobs", "documents", "notifications", "probe-test", "queues"], body.GetProperty("backends").EnumerateObject().Select(p => p.Name).Order());
        Assert.All(body.GetProperty("backends").EnumerateObject(), p => Assert.Equal("reachable", p.Value.GetString()));
    }

    [Fact]
    public async Task SignedInCallersAlsoSeeTheProviderAndTheSetUp()
    {
        var (_, body) = await GetHealthAsync(SignedIn(Start()));

        Assert.Equal("Local", body.GetProperty("backends").GetProperty("provider").GetString());
        Assert.Equal("finished", body.GetProperty("backends").GetProperty("setup").GetString());
    }

    [Fact]
    public async Task AFailingBackendAnswers503WithoutItsErrorTextWhichGoesToTheLog()
    {
        _probe.Failure = new InvalidOperationException($"Topic {Secret} is not authorized for this account.");
        var app = Start(cacheSeconds: 0);

        var anonymous = await app.CreateClient().GetAsync("/health");
        var signedIn = await SignedIn(app).GetAsync("/health");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (anonymous.StatusCode, signedIn.StatusCode));
        foreach (var response in new[] { anonymous, signedIn })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("123456789012", text);
            Assert.DoesNotContain("authorized", text);
            Assert.Equal("unreachable", JsonDocument.Parse(text).RootElement.GetProperty("backends").GetProperty("probe-test").GetString());
        }
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Exception?.Message.Contains(Secret) == true);
    }

    [Fact]
    public async Task AFloodOfCallsWithinTheCacheTimeProbesOnce()
    {
        _probe.Delay = TimeSpan.FromMilliseconds(300);
        var client = Start().CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/health")));
        await client.GetAsync("/health");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _probe.Calls);
    }

    [Fact]
    public async Task WithoutCachingEveryCallProbes()
    {
        var client = Start(cacheSeconds: 0).CreateClient();

        for (var i = 0; i < 3; i++) await client.GetAsync("/health");

        Assert.Equal(3, _probe.Calls);
    }

    /// <summary>The app with the scripted probe as a fifth backend and every log entry recorded.</summary>
    private WebApplicationFactory<Program> Start(double cacheSeconds = 60)
    {
        var factory = new DevPlatformFactory(new Dictionary<string, string>
        {
            ["Health:CacheSeconds"] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var app = factory.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(_log))
            .ConfigureTestServices(s => s.AddSingleton<IBackendProbe>(_probe)));
        _started.AddRange([factory, app]);
        return app;
    }

    private static HttpClient SignedIn(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-dev-user-id", "ana");
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetHealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>A fifth backend whose answers and timing the test sets, and which counts how often it is asked.</summary>
    private sealed class ScriptedProbe : IBackendProbe
    {
        private int _calls;

        public string Backend => "probe-test";
        public Exception? Failure { get; set; }
        public TimeSpan Delay { get; set; }
        public int Calls => Volatile.Read(ref _calls);

        public async Task ProbeAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Delay, ct);
            if (Failure is not null) throw Failure;
        }
    }
}
