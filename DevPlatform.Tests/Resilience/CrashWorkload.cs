using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace DevPlatform.Tests.Resilience;

/// <summary>
/// Creates, updates and deletes projects through the API from several clients at once, remembering what the server
/// acknowledged and what it never answered (those may or may not have happened), until it is stopped — typically by
/// the server being killed under it.
/// </summary>
public sealed class CrashWorkload(Uri baseUrl, string userId)
{
    public ConcurrentDictionary<string, long> Live { get; } = new();
    public ConcurrentDictionary<string, byte> Deleted { get; } = new();
    public ConcurrentDictionary<string, byte> Uncertain { get; } = new();
    private int _acknowledged;

    public int Acknowledged => _acknowledged;

    public async Task RunAsync(int clients, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, clients).Select(seed => ClientAsync(new Random(seed), stop)));

    private async Task ClientAsync(Random random, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-dev-user-id", userId);
        var mine = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            var target = mine.Count == 0 ? null : mine[random.Next(mine.Count)];
            try
            {
                if (target is null || roll < 55) await CreateAsync(http, mine, random);
                else if (roll < 85) await UpdateAsync(http, target);
                else await DeleteAsync(http, mine, target);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the server died mid-request. Whatever that request was about is no longer certain.
                if (target is not null) Uncertain.TryAdd(target, 0);
                if (stop.IsCancellationRequested || e is HttpRequestException) return;
            }
        }
    }

    private async Task CreateAsync(HttpClient http, List<string> mine, Random random)
    {
        using var response = await http.PostAsJsonAsync("/api/projects", new { name = $"p-{random.Next():x8}", description = "burst" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = (await response.Content.ReadFromJsonAsync<ProjectAnswer>())!;
        Live[project.Id] = project.Version;
        mine.Add(project.Id);
        Interlocked.Increment(ref _acknowledged);
    }

    private async Task UpdateAsync(HttpClient http, string id)
    {
        Uncertain.TryAdd(id, 0);
        using var response = await http.PutAsJsonAsync($"/api/projects/{id}", new { name = $"u-{id[^6..]}", description = "updated", version = Live[id] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Live[id] = (await response.Content.ReadFromJsonAsync<ProjectAnswer>())!.Version;
        Uncertain.TryRemove(id, out _);
        Interlocked.Increment(ref _acknowledged);
    }

    private async Task DeleteAsync(HttpClient http, List<string> mine, string id)
    {
        Uncertain.TryAdd(id, 0);
        using var response = await http.DeleteAsync($"/api/projects/{id}?version={Live[id]}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        mine.Remove(id);
        Live.TryRemove(id, out _);
        Deleted[id] = 0;
        Uncertain.TryRemove(id, out _);
        Interlocked.Increment(ref _acknowledged);
    }

    public sealed record ProjectAnswer(string Id, long Version);
}
