using System.Threading.Channels;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Tests.Infrastructure;


namespace DevPlatform.Tests.Core.Projects;

/// <summary>
/// The Projects service on both backends, with indexes that lag as DynamoDB's do: a test that lists what it just wrote
/// first lets the index catch up, as a real reader would have to wait for it.
/// </summary>
public abstract class ProjectServiceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private static readonly Actor Bo = new("bo", "Bo Chen");
    private ServiceHarness _harness = null!;
    private LaggingIndexDocumentStore _index = null!;
    private ProjectService Projects => _harness.Get<ProjectService>();
    private string _anaTeam = "";

    public async Task InitializeAsync()
    {
        _harness = await ServiceHarness.WithDocuments(emulators, inner => _index = new LaggingIndexDocumentStore(inner)).StartAsync();
        _anaTeam = (await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CreateTrimsTheInputAndStartsAtVersionOne()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("  Billing API ", " Invoices "));

        Assert.Equal(("Billing API", "Invoices", 1L, _anaTeam), (project.Name, project.Description, project.Version, project.TeamId));
        Assert.Equal(project, await Projects.GetAsync(Ana, project.Id));
    }

    [Theory]
    [InlineData("", "name", "Name is required.")]
    [InlineData("   ", "name", "Name is required.")]
    [InlineData(null, "name", "Name is required.")]
    public async Task CreateRejectsAMissingName(string? name, string field, string message)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Projects.CreateAsync(Ana, _anaTeam, new ProjectInput(name, "")));

        Assert.Equal(message, Assert.Single(error.Errors[field]));
    }

    [Fact]
    public async Task CreateRejectsAnOverLongNameAndStoresNothing()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Projects.CreateAsync(Ana, _anaTeam, new ProjectInput(new string('x', ProjectRules.NameMaxLength + 1), "")));

        Assert.Equal(0, (await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task UpdateWithAStaleVersionIsAConflictAndChangesNothing()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Alpha", ""));
        await Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Alpha 2", ""), expectedVersion: 1);

        await Assert.ThrowsAsync<ConflictException>(() => Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Stale", ""), expectedVersion: 1));

        var stored = await Projects.GetAsync(Ana, project.Id);
        Assert.Equal(("Alpha 2", 2L), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task AnotherTeamsProjectIsNotFoundForReadsAndWrites()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Secret", ""));

        await Assert.ThrowsAsync<NotFoundException>(() => Projects.GetAsync(Bo, project.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Projects.UpdateAsync(Bo, project.Id, new ProjectInput("Mine", ""), 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Projects.DeleteAsync(Bo, project.Id, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Projects.ListAsync(Bo, _anaTeam, new ProjectListQuery()));
        await Assert.ThrowsAsync<NotFoundException>(() => Projects.CreateAsync(Bo, _anaTeam, new ProjectInput("Intruder", "")));
        Assert.Equal("Secret", (await Projects.GetAsync(Ana, project.Id)).Name);
    }

    [Fact]
    public async Task AViewerMayReadButNotChangeProjects()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Shared", ""));
        await AddMemberAsync(_anaTeam, Bo, TeamRole.Viewer);

        Assert.Equal("Shared", (await Projects.GetAsync(Bo, project.Id)).Name);
        await Assert.ThrowsAsync<ForbiddenException>(() => Projects.UpdateAsync(Bo, project.Id, new ProjectInput("Changed", ""), 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Projects.DeleteAsync(Bo, project.Id, null));
    }

    [Fact]
    public async Task ADeveloperMayEditButOnlyAdminsMayDelete()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Shared", ""));
        await AddMemberAsync(_anaTeam, Bo, TeamRole.Developer);

        await Projects.UpdateAsync(Bo, project.Id, new ProjectInput("Edited by Bo", ""), 1);

        await Assert.ThrowsAsync<ForbiddenException>(() => Projects.DeleteAsync(Bo, project.Id, null));
    }

    [Fact]
    public async Task ListPagesInNameOrderIgnoringCaseAndSearchesByPrefix()
    {
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo", "alpine" })
            await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput(name, ""));
        _index.CatchUp();

        var first = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery { PageSize = 3 });
        var second = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery { PageSize = 3, ContinuationToken = first.ContinuationToken });
        var search = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery { Search = "ALP" });
        var descending = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery { Descending = true, PageSize = 2 });

        Assert.Equal(["Alpha", "alpine", "Bravo"], first.Items.Select(p => p.Name));
        Assert.Equal(["charlie", "delta"], second.Items.Select(p => p.Name));
        Assert.Null(second.ContinuationToken);
        Assert.Equal(5, first.TotalInTeam);
        Assert.Equal(["Alpha", "alpine"], search.Items.Select(p => p.Name));
        Assert.Equal(["delta", "charlie"], descending.Items.Select(p => p.Name));
    }

    [Fact]
    public async Task EveryChangeIsRecordedAsActivityWithBeforeAndAfter()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Alpha", "one"));
        await Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Beta", "two"), 1);
        await Projects.DeleteAsync(Ana, project.Id, 2);
        _index.CatchUp();

        var history = await _harness.Get<ActivityLog>().ListForTargetAsync(ProjectService.TargetType, project.Id, 10);

        Assert.Equal([ActivityActions.ProjectDeleted, ActivityActions.ProjectUpdated, ActivityActions.ProjectCreated], history.Select(a => a.Action));
        var update = history[1];
        Assert.Equal(("ana", "Ana Lima", "Beta"), (update.ActorId, update.ActorName, update.TargetName));
        Assert.Contains("Alpha", update.Before);
        Assert.Contains("Beta", update.After);
        Assert.Null(history[0].After);
    }

    [Fact]
    public async Task DeletingPublishesProjectDeletedToTheCriticalActivityTopic()
    {
        var critical = Channel.CreateUnbounded<Notification>();
        using var subscription = _harness.Get<INotificationBus>().Subscribe(Topics.CriticalActivity, (n, _) => critical.Writer.WriteAsync(n).AsTask());
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Doomed", ""));

        await Projects.DeleteAsync(Ana, project.Id, null);

        var notification = await critical.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ActivityActions.ProjectDeleted, notification.Type);
        Assert.Contains(project.Id, notification.Payload);
        Assert.False(critical.Reader.TryRead(out _));
    }

    [Fact]
    public async Task DeleteWithAStaleVersionIsAConflictAndKeepsTheProject()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Keep", ""));
        await Projects.UpdateAsync(Ana, project.Id, new ProjectInput("Keep 2", ""), 1);

        await Assert.ThrowsAsync<ConflictException>(() => Projects.DeleteAsync(Ana, project.Id, 1));

        Assert.Equal(1, (await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery())).TotalInTeam);
    }

    [Fact]
    public async Task TheActivityFeedTellsTeamListenersOnlyAboutTheirTeam()
    {
        var boTeam = TeamDirectory.PersonalTeamId(Bo.UserId);
        var anaEvents = Channel.CreateUnbounded<ActivityRecord>();
        var boEvents = Channel.CreateUnbounded<ActivityRecord>();
        var feed = _harness.Get<ActivityFeed>();
        using var anaListener = feed.Subscribe(_anaTeam, r => anaEvents.Writer.WriteAsync(r).AsTask());
        using var boListener = feed.Subscribe(boTeam, r => boEvents.Writer.WriteAsync(r).AsTask());

        await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Ana's", ""));
        await Projects.CreateAsync(Bo, boTeam, new ProjectInput("Bo's", ""));

        Assert.Equal("Ana's", (await anaEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).TargetName);
        Assert.Equal("Bo's", (await boEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).TargetName);
        Assert.False(anaEvents.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AListRightAfterACreateMayNotShowItYetButTheCountAndTheProjectDo()
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput("Fresh", ""));

        var list = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery());

        Assert.Empty(list.Items);
        Assert.Equal(1, list.TotalInTeam);
        Assert.Equal("Fresh", (await Projects.GetAsync(Ana, project.Id)).Name);
        _index.CatchUp();
        Assert.Single((await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery())).Items);
    }

    [Theory]
    [InlineData("café", "CAFÉ")]
    [InlineData("Café Müller", "café m")]
    public async Task NamesAndSearchesAreComparedInOneUnicodeForm(string name, string search)
    {
        var project = await Projects.CreateAsync(Ana, _anaTeam, new ProjectInput(name, ""));
        _index.CatchUp();

        var found = await Projects.ListAsync(Ana, _anaTeam, new ProjectListQuery { Search = search });

        Assert.Equal(project.Id, Assert.Single(found.Items).Id);
        Assert.True(project.Name.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    private Task AddMemberAsync(string teamId, Actor actor, TeamRole role) =>
        TeamTestData.AddMemberAsync(_harness.Get<InvitationService>(), teamId, Ana, actor, role);
}

public sealed class SqliteProjectServiceTests() : ProjectServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoProjectServiceTests(AwsEmulators emulators) : ProjectServiceTests(emulators);
