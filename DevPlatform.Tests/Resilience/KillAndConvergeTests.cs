using System.Net;
using System.Net.Http.Json;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Resilience;

/// <summary>
/// kill -9 during a burst of creates, updates and deletes, restart on the same data, and after the repair pass every
/// acknowledged write is there, the team's count equals the projects listed, and every project has its activity.
/// </summary>
public abstract class KillAndConvergeTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private const string User = "crash-test";
    private readonly string _prefix = $"k{Guid.NewGuid().ToString("N")[..10]}-";
    private AppServer _app = null!;

    private Dictionary<string, string> StorageSettings(string dataPath) =>
        emulators is null ? new() { ["Storage:Provider"] = "Local", ["Storage:Local:DataPath"] = dataPath } : ServiceHarness.AwsSettings(emulators, _prefix);

    public async Task InitializeAsync()
    {
        // The repair pass runs every second and takes over work owed for a second, so the test need not wait long.
        var settings = new Dictionary<string, string> { ["Convergence__Interval"] = "00:00:01", ["Convergence__Grace"] = "00:00:01" };
        if (emulators is not null)
            foreach (var (key, value) in ServiceHarness.AwsSettings(emulators, _prefix)) settings[key.Replace(":", "__")] = value;
        _app = new AppServer(settings);
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesAKillAndTheCountsConverge()
    {
        var workload = new CrashWorkload(_app.BaseUrl, User);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var burst = workload.RunAsync(clients: 6, stop.Token);
        while (workload.Acknowledged < 120 && !burst.IsCompleted) await Task.Delay(20);
        _app.Kill();
        await stop.CancelAsync();
        await burst;

        await _app.StartAsync();
        await using var storage = await new ServiceHarness(StorageSettings(_app.DataPath)).StartAsync();
        var listed = await WaitForConvergenceAsync(storage);

        foreach (var (id, version) in workload.Live.Where(p => !workload.Uncertain.ContainsKey(p.Key)))
            Assert.True(listed.TryGetValue(id, out var stored) && stored >= version, $"Acknowledged project {id} v{version} is missing or older.");
        foreach (var id in workload.Deleted.Keys)
            Assert.False(listed.ContainsKey(id), $"Acknowledged delete of {id} was undone.");
        var activity = storage.Get<ActivityLog>();
        foreach (var id in listed.Keys)
            Assert.Single(await activity.ListForTargetAsync(ProjectService.TargetType, id, 100), r => r.Action == ActivityActions.ProjectCreated);
        foreach (var id in workload.Deleted.Keys)
            Assert.Single(await activity.ListForTargetAsync(ProjectService.TargetType, id, 100), r => r.Action == ActivityActions.ProjectDeleted);
    }

    [Fact]
    public async Task EveryAcknowledgedJoinSurvivesAKillAndMemberItemsMatchTheirTeam()
    {
        var teamId = await CreateTeamAsync();
        var workload = new MembershipWorkload(_app.BaseUrl, User, teamId);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var burst = workload.RunAsync(clients: 4, stop.Token);
        while (workload.Acknowledged < 40 && !burst.IsCompleted) await Task.Delay(20);
        _app.Kill();
        await stop.CancelAsync();
        await burst;

        await _app.StartAsync();
        await using var storage = await new ServiceHarness(StorageSettings(_app.DataPath)).StartAsync();
        await WaitUntilNothingOwedAsync(storage, IdentityTables.Teams, InvitationService.Table);

        var team = (await storage.Get<TeamRecords>().GetAsync(teamId, default))!;
        foreach (var person in workload.Joined.Keys)
            Assert.True(team.Member(person) is not null, $"Acknowledged join of {person} is missing.");
        foreach (var member in team.Members)
        {
            Assert.Equal(member.Role, (await storage.Get<TeamRecords>().GetMemberAsync(teamId, member.UserId, default))?.Role);
            if (member.UserId != User)
                Assert.Single(await storage.Get<ActivityLog>().ListForTargetAsync(TeamMembership.TargetType, member.UserId, 100),
                    r => r.Action == ActivityActions.MemberAdded);
        }
    }

    private async Task<string> CreateTeamAsync()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Add("x-dev-user-id", User);
        using var response = await http.PostAsJsonAsync("/api/team", new { name = "Crash team" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CrashWorkload.ProjectAnswer>())!.Id;
    }

    private async Task WaitUntilNothingOwedAsync(ServiceHarness storage, params string[] tables)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var owed = 0;
            foreach (var table in tables)
                owed += (await storage.Get<IDocumentStore>().QueryAsync(table, new DocumentQuery("OWED") { IndexName = OwedWorkRunner.IndexName })).Items.Count;
            if (owed == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not converged: {owed} items still owe work.\n{_app.Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Polls the restarted app until nothing is owed and the count equals the listing; returns id → version.</summary>
    private async Task<Dictionary<string, long>> WaitForConvergenceAsync(ServiceHarness storage)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Add("x-dev-user-id", User);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var (listed, total) = await ListAllAsync(http);
            var owed = await storage.Get<IDocumentStore>().QueryAsync(ProjectService.Table, new DocumentQuery("OWED") { IndexName = OwedWorkRunner.IndexName });
            if (owed.Items.Count == 0 && total == listed.Count) return listed;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Not converged: {owed.Items.Count} items still owe work; count {total}, listed {listed.Count}.\n{_app.Output}");
            await Task.Delay(250);
        }
    }

    private static async Task<(Dictionary<string, long> Listed, long Total)> ListAllAsync(HttpClient http)
    {
        var listed = new Dictionary<string, long>();
        long total = 0;
        string? token = null;
        do
        {
            var url = "/api/projects?pageSize=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<Page>())!;
            foreach (var item in page.Items) listed[item.Id] = item.Version;
            total = page.Total;
            token = page.ContinuationToken;
        } while (token is not null);
        return (listed, total);
    }

    private sealed record Page(List<CrashWorkload.ProjectAnswer> Items, string? ContinuationToken, long Total);
}

public sealed class SqliteKillAndConvergeTests() : KillAndConvergeTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoKillAndConvergeTests(AwsEmulators emulators) : KillAndConvergeTests(emulators);
