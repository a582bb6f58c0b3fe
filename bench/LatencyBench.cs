#:property TreatWarningsAsErrors=true

// Latency of GET endpoints under concurrent clients, each endpoint measured in the same run against the same app.
// Usage: dotnet run bench/LatencyBench.cs -- <baseUrl> <label> <clients> <requestsPerEndpoint> <path> [<path>...]
// Seeds nothing; bench/run.sh seeds projects first. Prints one Markdown table row per endpoint.
using System.Diagnostics;

var baseUrl = new Uri(args[0]);
var label = args[1];
var clients = int.Parse(args[2]);
var requests = int.Parse(args[3]);
var paths = args[4..];

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Add("x-dev-user-id", "bench-user");

foreach (var path in paths)
{
    await RunAsync(path, Math.Max(200, requests / 10));   // warm-up: JIT, pools, caches
    var (latencies, seconds) = await RunAsync(path, requests);
    latencies.Sort();
    Console.WriteLine($"| {label} | `{path}` | {clients} | {requests} | {Percentile(latencies, 0.50):F2} ms | {Percentile(latencies, 0.99):F2} ms | {requests / seconds:F0} req/s |");
}

async Task<(List<double> Latencies, double Seconds)> RunAsync(string path, int count)
{
    var latencies = new List<double>(count);
    var next = 0;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        var mine = new List<double>();
        while (Interlocked.Increment(ref next) <= count)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        lock (latencies) latencies.AddRange(mine);
    }));
    return (latencies, total.Elapsed.TotalSeconds);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
