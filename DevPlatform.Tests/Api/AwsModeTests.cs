using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Identity;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Api;

/// <summary>The whole app on AWS adapters (dynalite + fauxqs): resource creation, health, the API, and live fan-out.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsModeTests(AwsEmulators emulators) : IAsyncLifetime
{
    private readonly DevPlatformFactory _factory = DevPlatformFactory.OnAws(emulators);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CreatesItsResourcesAndReportsEveryBackendReachable()
    {
        var response = await _factory.ClientFor("ana").GetAsync("/health");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("backends");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Aws", body.GetProperty("provider").GetString());
        foreach (var backend in new[] { "documents", "blobs", "queues", "notifications" })
            Assert.Equal("reachable", body.GetProperty(backend).GetString());
    }

    [Fact]
    public async Task ProjectsWorkEndToEndAndChangesReachTheLiveFeedThroughSns()
    {
        var ana = _factory.ClientFor("ana");
        await ana.GetAsync("/api/projects");
        var events = Channel.CreateUnbounded<ActivityRecord>();
        using var listener = _factory.Services.GetRequiredService<ActivityFeed>()
            .Subscribe(TeamDirectory.PersonalTeamId("ana"), r => events.Writer.WriteAsync(r).AsTask());

        var created = await ana.PostAsJsonAsync("/api/projects", new { name = "On DynamoDB", description = "" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var stale = await ana.PutAsJsonAsync($"/api/projects/{id}", new { name = "x", version = 7 });
        var list = JsonDocument.Parse(await ana.GetStringAsync("/api/projects")).RootElement;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        var heard = await events.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((ActivityActions.ProjectCreated, "On DynamoDB"), (heard.Action, heard.TargetName));
    }
}

/// <summary>A deployment whose resources already exist (made by an administrator, or by an earlier instance).</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class ExistingAwsResourcesTests(AwsEmulators emulators)
{
    [Fact]
    public async Task AnInstanceThatMayNotCreateResourcesRunsOnTheExistingOnes()
    {
        var prefix = $"pre{Guid.NewGuid().ToString("N")[..8]}-";
        await using (var creator = DevPlatformFactory.OnAws(emulators, prefix))
        {
            var created = await creator.ClientFor("ana").PostAsJsonAsync("/api/projects", new { name = "Made by the first instance" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var second = DevPlatformFactory.OnAws(emulators, prefix, createResources: false);
        var health = await second.CreateClient().GetAsync("/health");
        var list = JsonDocument.Parse(await second.ClientFor("ana").GetStringAsync("/api/projects")).RootElement;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Made by the first instance", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnInstanceThatMayNotCreateResourcesAnswers503AndLogsTheMissingOnes()
    {
        var log = new RecordingLoggerProvider();
        await using var factory = DevPlatformFactory.OnAws(emulators, $"none{Guid.NewGuid().ToString("N")[..8]}-", createResources: false);
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));

        var response = await app.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("does not exist", body);
        Assert.Contains(log.Entries, e => e.Exception?.Message is { } m && m.Contains("DynamoDB table") && m.Contains("does not exist"));
    }
}

public sealed class UnreachableBackendTests : IAsyncLifetime
{
    // Nothing listens on port 9 of loopback (discard); connections are refused at once.
    private readonly DevPlatformFactory _factory = new(new Dictionary<string, string>
    {
        ["Storage:Provider"] = "Aws",
        ["Aws:ServiceUrl"] = "http://127.0.0.1:9",
        ["Aws:CreateResources"] = "true",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task HealthAnswers503NamingTheUnreachableBackends()
    {
        var response = await _factory.CreateClient().GetAsync("/health");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("backends");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unreachable", body.GetProperty("documents").GetString());
        Assert.Equal("unreachable", body.GetProperty("queues").GetString());
    }
}
