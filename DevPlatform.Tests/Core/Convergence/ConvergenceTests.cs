using DevPlatform.Core.Activity;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Convergence;

/// <summary>
/// A write interrupted at any step after its first durable write is completed by the repair pass: the count equals the
/// projects that exist, every change has its one activity record, and nothing stays owed. On both backends.
/// </summary>
public abstract class ConvergenceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private FaultyDocumentStore _store = null!;
    private ServiceHarness _harness = null!;
    private string _team = "";
    private ProjectService Projects => _harness.Get<ProjectService>();

    public async Task InitializeAsync()
    {
        _harness = await ServiceHarness.WithDocuments(emulators, inner => _store = new FaultyDocumentStore(inner)).StartAsync();
        _team = (await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>Every step of a create after the project item is written: counting, recording, marking done, releasing, clearing.</summary>
    public static TheoryData<string, int> CreateSteps() => new()
    {
        { "IncrementOnce:counters", 1 }, { "Put:activity", 1 }, { "Put:projects", 2 }, { "Release:counters", 1 }, { "Put:projects", 3 },
    };

    [Theory]
    [MemberData(nameof(CreateSteps))]
    public async Task ACreateInterruptedAtAnyStepConvergesAfterRepair(string step, int occurrence)
    {
        FailAt(step, occurrence);

        var project = await Projects.CreateAsync(Ana, _team, new ProjectInput("Billing", ""));
        Assert.Equal(1, _store.Failures);
        await RepairTwiceAsync();

        await AssertConvergedAsync([project.Id]);
        Assert.Single(await HistoryAsync(project.Id), r => r.Action == ActivityActions.ProjectCreated);
    }

    [Theory]
    [InlineData("IncrementOnce:counters", 1)]
    [InlineData("Put:activity", 1)]
    [InlineData("Release:counters", 1)]
    [InlineData("Delete:projects", 1)]
    public async Task ADeleteInterruptedAtAnyStepConvergesAfterRepair(string step, int occurrence)
    {
        var kept = await Projects.CreateAsync(Ana, _team, new ProjectInput("Kept", ""));
        var doomed = await Projects.CreateAsync(Ana, _team, new ProjectInput("Doomed", ""));
        FailAt(step, occurrence);

        await Projects.DeleteAsync(Ana, doomed.Id, doomed.Version);
        await Assert.ThrowsAsync<DevPlatform.Core.Common.NotFoundException>(() => Projects.GetAsync(Ana, doomed.Id));
        await RepairTwiceAsync();

        await AssertConvergedAsync([kept.Id]);
        Assert.Single(await HistoryAsync(doomed.Id), r => r.Action == ActivityActions.ProjectDeleted);
    }

    [Fact]
    public async Task AnUpdateCarriesForwardTheWorkAnInterruptedUpdateLeftOwed()
    {
        var project = await Projects.CreateAsync(Ana, _team, new ProjectInput("One", ""));
        FailAt("Put:activity", 1);
        var second = await Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Two", ""), 1);

        await Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Three", ""), second.Version);

        Assert.Equal(2, (await HistoryAsync(project.Id)).Count(r => r.Action == ActivityActions.ProjectUpdated));
        await AssertConvergedAsync([project.Id]);
    }

    [Fact]
    public async Task AClientThatGoesAwayAfterTheFirstWriteDoesNotStopTheRest()
    {
        using var disconnect = new CancellationTokenSource();
        _store.FailOn = call =>
        {
            // The client hangs up as the project item has just been written.
            if (call == "IncrementOnce:counters") disconnect.Cancel();
            return false;
        };

        var project = await Projects.CreateAsync(Ana, _team, new ProjectInput("Kept", ""), ct: disconnect.Token);

        Assert.True(disconnect.IsCancellationRequested);
        await AssertConvergedAsync([project.Id]);
    }

    [Fact]
    public async Task RepairLeavesYoungWorkToTheWriterThatIsRunningIt()
    {
        FailAt("IncrementOnce:counters", 1);
        await Projects.CreateAsync(Ana, _team, new ProjectInput("Young", ""));

        Assert.Equal(0, await _harness.Get<OwedWorkRunner>().RepairAsync(ProjectService.Table, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(0, (await Projects.ListAsync(Ana, _team, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task ACreateRetriedWithTheSameIdempotencyKeyMakesOneProject()
    {
        var first = await Projects.CreateAsync(Ana, _team, new ProjectInput("Once", "d"), "key-1");
        var retried = await Projects.CreateAsync(Ana, _team, new ProjectInput("Once", "d"), "key-1");
        var other = await Projects.CreateAsync(Ana, _team, new ProjectInput("Once", "d"), "key-2");

        Assert.Equal(first, retried);
        Assert.NotEqual(first.Id, other.Id);
        await Assert.ThrowsAsync<DevPlatform.Core.Common.ConflictException>(() =>
            Projects.CreateAsync(Ana, _team, new ProjectInput("Different", "d"), "key-1"));
        await AssertConvergedAsync([first.Id, other.Id]);
    }

    private void FailAt(string step, int occurrence)
    {
        var seen = 0;
        _store.FailOn = call => call == step && ++seen == occurrence;
    }

    private async Task RepairTwiceAsync()
    {
        _store.FailOn = _ => false;
        var runner = _harness.Get<OwedWorkRunner>();
        Assert.Equal(1, await runner.RepairAsync(ProjectService.Table, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(0, await runner.RepairAsync(ProjectService.Table, TimeSpan.Zero, CancellationToken.None));
    }

    private async Task AssertConvergedAsync(IReadOnlyCollection<string> expectedIds)
    {
        var page = await Projects.ListAsync(Ana, _team, new ProjectListQuery { PageSize = 100 });
        Assert.Equal(expectedIds.Order(), page.Items.Select(p => p.Id).Order());
        Assert.Equal(expectedIds.Count, page.TotalInTeam);
        foreach (var id in expectedIds)
            Assert.Single(await HistoryAsync(id), r => r.Action == ActivityActions.ProjectCreated);
        var owed = await _store.QueryAsync(ProjectService.Table, new DocumentQuery("OWED") { IndexName = OwedWorkRunner.IndexName });
        Assert.Empty(owed.Items);
    }

    private Task<IReadOnlyList<ActivityRecord>> HistoryAsync(string projectId) =>
        _harness.Get<ActivityLog>().ListForTargetAsync(ProjectService.TargetType, projectId, 50);
}

public sealed class SqliteConvergenceTests() : ConvergenceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoConvergenceTests(AwsEmulators emulators) : ConvergenceTests(emulators);
