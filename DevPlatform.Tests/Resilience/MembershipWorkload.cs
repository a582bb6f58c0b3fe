using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DevPlatform.Tests.Resilience;

/// <summary>
/// Invites people into one team, has them accept, and changes their roles, from several clients at once, remembering
/// which joins the server acknowledged, until it is stopped — typically by the server being killed under it.
/// </summary>
public sealed class MembershipWorkload(Uri baseUrl, string ownerId, string teamId)
{
    private static readonly string[] Roles = ["Admin", "Developer", "Viewer"];
    private int _acknowledged;

    public ConcurrentDictionary<string, byte> Joined { get; } = new();
    public int Acknowledged => _acknowledged;

    public async Task RunAsync(int clients, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => ClientAsync(client, new Random(client), stop)));

    private async Task ClientAsync(int client, Random random, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                var person = $"m{client}x{n}";
                var token = await InviteAsync(http, person, Roles[random.Next(Roles.Length)]);
                await SendAsync(http, person, HttpMethod.Post, "/api/team/invitations/accept", new { token });
                Joined[person] = 0;
                Interlocked.Increment(ref _acknowledged);
                // One snapshot: other clients add to Joined meanwhile.
                var joined = Joined.Keys.ToArray();
                var someone = joined[random.Next(joined.Length)];
                await SendAsync(http, ownerId, HttpMethod.Put, $"/api/team/{teamId}/members/{someone}", new { role = Roles[random.Next(Roles.Length)] });
                Interlocked.Increment(ref _acknowledged);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the server died mid-request; that join or change may or may not have happened.
                return;
            }
        }
    }

    private async Task<string> InviteAsync(HttpClient http, string person, string role)
    {
        var issued = await SendAsync(http, ownerId, HttpMethod.Post, $"/api/team/{teamId}/invitations", new { email = $"{person}@example.com", role });
        return issued.GetProperty("link").GetString()!.Split("/invitations/")[1];
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, string userId, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-dev-user-id", userId);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
