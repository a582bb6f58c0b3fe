using System.Net.Http.Json;
using System.Text;
using DevPlatform.Core.Identity;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api;

/// <summary>
/// The app the battery runs against: the caller and another team each own two projects. <see cref="SnapshotAsync"/>
/// reads everything each team can see through the API's GET routes, so a request that stored anything shows.
/// </summary>
public sealed class MalformedInputApp : IAsyncLifetime
{
    public const string OtherTeamMarker = "other-team-secret";
    private DevPlatformFactory _app = null!;

    public HttpClient Client { get; private set; } = null!;
    public BatterySeed Seed { get; private set; } = null!;
    public IReadOnlyList<ApiRoute> Routes { get; private set; } = null!;
    public IReadOnlyList<MalformedRequest> Battery { get; private set; } = null!;
    public string Baseline { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app = new DevPlatformFactory();
        Client = _app.CreateClient(new() { AllowAutoRedirect = false });
        Routes = ApiRoutes.Discover(_app.Services);
        Battery = MalformedRequests.For(Routes);
        var own = await CreateAsync(MalformedRequests.Caller, "Own one");
        await CreateAsync(MalformedRequests.Caller, "Own two");
        var other = await CreateAsync("bo", $"{OtherTeamMarker} one");
        await CreateAsync("bo", $"{OtherTeamMarker} two");
        var page = await Client.SendAsync(As("bo", new HttpRequestMessage(HttpMethod.Get, "/api/projects?pageSize=1")));
        var token = (await ApiProblem.JsonAsync(page)).GetProperty("continuationToken").GetString()!;
        Seed = new BatterySeed(own, other, TeamDirectory.PersonalTeamId("bo"), token);
        Baseline = await SnapshotAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A case that stored something would spoil every later one: start again from a fresh app.</summary>
    public async Task ResetAsync()
    {
        await DisposeAsync();
        await InitializeAsync();
    }

    public async Task<string> SnapshotAsync()
    {
        var snapshot = new StringBuilder();
        foreach (var (user, ownId) in new[] { (MalformedRequests.Caller, Seed.OwnProjectId), ("bo", Seed.OtherTeamProjectId) })
            foreach (var route in Routes.Where(r => r.Method == "GET"))
            {
                var path = route.RouteParameters.Aggregate(route.Path, (p, name) =>
                    p.Replace($"{{{name}}}", name is "id" or "projectId" ? ownId : MalformedRequests.OwnId(name, Seed)));
                var response = await Client.SendAsync(As(user, new HttpRequestMessage(HttpMethod.Get, path)));
                // Error bodies carry a fresh traceId; their status is what matters here.
                snapshot.AppendLine($"{user} {path} {(int)response.StatusCode} " +
                    (response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : ""));
            }
        return snapshot.ToString();
    }

    private async Task<string> CreateAsync(string user, string name)
    {
        var request = As(user, new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(new { name, description = name }) });
        var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await ApiProblem.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    private static HttpRequestMessage As(string user, HttpRequestMessage request)
    {
        request.Headers.Add("x-dev-user-id", user);
        return request;
    }
}
