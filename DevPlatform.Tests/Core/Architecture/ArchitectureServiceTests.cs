using DevPlatform.Core.Activity;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Architecture;

/// <summary>The Architecture service on both backends, with indexes that lag as DynamoDB's do.</summary>
public abstract class ArchitectureServiceTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private static readonly Actor Bo = new("bo", "Bo Chen");
    private ServiceHarness _harness = null!;
    private LaggingIndexDocumentStore _index = null!;
    private FaultyDocumentStore _faults = null!;
    private ArchitectureService Architectures => _harness.Get<ArchitectureService>();
    private string _anaTeam = "";
    private Project _project = null!;

    public static ArchitectureInput Shop => new("Shop", "The web shop", ArchitectureStyle.Microservices,
        [new ComponentInput("Web", ComponentKind.Frontend, "Blazor"), new ComponentInput("Orders", ComponentKind.Service, ".NET"),
            new ComponentInput("Orders DB", ComponentKind.Database, "DynamoDB")],
        [new ConnectionInput("Web", "Orders", "places orders", "HTTPS"), new ConnectionInput("orders", "orders db", "", "")]);

    public async Task InitializeAsync()
    {
        _harness = await ServiceHarness.WithDocuments(emulators, inner => _index = new LaggingIndexDocumentStore(_faults = new FaultyDocumentStore(inner))).StartAsync();
        _anaTeam = (await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
        _project = await _harness.Get<ProjectService>().CreateAsync(Ana, _anaTeam, new ProjectInput("Shop", ""));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CreateStoresVersionOneWithConnectionEndsSpelledAsTheirComponents()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop, "First draft");

        Assert.Equal((1L, "Shop", ArchitectureStyle.Microservices, _project.Id), (created.Version, created.Name, created.Style, created.ProjectId));
        Assert.Equal(new ArchitectureConnection("Orders", "Orders DB", "", ""), created.Connections[1]);
        Assert.Equal(DocumentJson.Serialize(created), DocumentJson.Serialize(await Architectures.GetAsync(Ana, created.Id)));
        var version = await Architectures.GetVersionAsync(Ana, created.Id, 1);
        Assert.Equal(("First draft", "Ana Lima", 3), (version.Message, version.AuthorName, version.Content.Components.Count));
    }

    [Theory]
    [InlineData("components[1].name", "Another component is already named 'web'.")]
    [InlineData("connections[0].to", "No component is named 'Nowhere'.")]
    [InlineData("connections[1].to", "A connection must link two different components.")]
    [InlineData("connections[3].to", "These two components are already connected in this direction; edit that connection instead.")]
    public async Task CreateRefusesAnInconsistentDesignAndStoresNothing(string field, string message)
    {
        var input = new ArchitectureInput("Bad", "", null,
            [new ComponentInput("Web"), new ComponentInput("web"), new ComponentInput("Api")],
            [new ConnectionInput("Web", "Nowhere"), new ConnectionInput("Api", "api"), new ConnectionInput("Web", "Api"), new ConnectionInput("WEB", "API")]);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Architectures.CreateAsync(Ana, _project.Id, input));

        Assert.Equal(message, Assert.Single(error.Errors[field]));
        _index.CatchUp();
        Assert.Empty((await Architectures.ListAsync(Ana, _project.Id)).Items);
    }

    [Fact]
    public async Task CreateRefusesMoreComponentsThanTheLimit()
    {
        var many = Enumerable.Range(0, ArchitectureRules.MaxComponents + 1).Select(i => new ComponentInput($"c{i}")).ToList();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Architectures.CreateAsync(Ana, _project.Id, new ArchitectureInput("Big", "", null, many)));

        Assert.Contains("components", error.Errors.Keys);
    }

    [Fact]
    public async Task EverySaveIsANewImmutableVersionAndOldOnesStayReadable()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);

        var saved = await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput(null, null, Components: [new ComponentInput("Monolith", ComponentKind.Service)], Connections: []),
            expectedVersion: 1, message: "Back to one box");

        Assert.Equal((2L, "Shop", 1), (saved.Version, saved.Name, saved.Components.Count));
        Assert.Equal(3, (await Architectures.GetVersionAsync(Ana, created.Id, 1)).Content.Components.Count);
        var history = await Architectures.ListVersionsAsync(Ana, created.Id);
        Assert.Equal([(2L, "Back to one box"), (1L, "Created")], history.Items.Select(v => (v.Number, v.Message)));
    }

    [Fact]
    public async Task ASaveOnAStaleVersionIsAConflictAndStoresNothing()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Shop 2", null), expectedVersion: 1);

        await Assert.ThrowsAsync<ConflictException>(() => Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Stale", null), expectedVersion: 1));

        Assert.Equal(("Shop 2", 2L), ((await Architectures.GetAsync(Ana, created.Id)).Name, (await Architectures.GetAsync(Ana, created.Id)).Version));
        Assert.Equal(2, (await Architectures.ListVersionsAsync(Ana, created.Id)).Items.Count);
    }

    [Fact]
    public async Task OfTwoSavesRacingOnOneVersionExactlyOneWins()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);

        var saves = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput($"Racer {i}", null), 1, $"Racer {i}");
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        Assert.Single(saves, won => won);
        var history = await Architectures.ListVersionsAsync(Ana, created.Id);
        Assert.Equal([2L, 1L], history.Items.Select(v => v.Number));
        Assert.Equal((await Architectures.GetAsync(Ana, created.Id)).Name, (await Architectures.GetVersionAsync(Ana, created.Id, 2)).Content.Name);
    }

    [Fact]
    public async Task CompareNamesWhatWasAddedRemovedAndChanged()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Shop", "The web shop", ArchitectureStyle.EventDriven,
            [new ComponentInput("Web", ComponentKind.Frontend, "React"), new ComponentInput("Orders", ComponentKind.Service, ".NET"), new ComponentInput("Bus", ComponentKind.Queue, "SQS")],
            [new ConnectionInput("Web", "Orders", "places orders", "gRPC"), new ConnectionInput("Orders", "Bus", "publishes")]), 1);

        var diff = await Architectures.CompareAsync(Ana, created.Id, 1, 2);

        Assert.Equal([new FieldChange("style", "Microservices", "EventDriven")], diff.Fields);
        Assert.Equal("Bus", Assert.Single(diff.ComponentsAdded).Name);
        Assert.Equal("Orders DB", Assert.Single(diff.ComponentsRemoved).Name);
        Assert.Equal(new FieldChange("technology", "Blazor", "React"), Assert.Single(Assert.Single(diff.ComponentsChanged).Changes));
        Assert.Equal(("Orders", "Bus"), (Assert.Single(diff.ConnectionsAdded).From, diff.ConnectionsAdded[0].To));
        Assert.Equal("Orders DB", Assert.Single(diff.ConnectionsRemoved).To);
        Assert.Equal(new FieldChange("protocol", "HTTPS", "gRPC"), Assert.Single(Assert.Single(diff.ConnectionsChanged).Changes));
        Assert.True((await Architectures.CompareAsync(Ana, created.Id, 2, 2)).IsEmpty);
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.CompareAsync(Ana, created.Id, 1, 3));
    }

    [Fact]
    public async Task TheListIsTheProjectsArchitecturesInNameOrder()
    {
        var other = await _harness.Get<ProjectService>().CreateAsync(Ana, _anaTeam, new ProjectInput("Other", ""));
        await Architectures.CreateAsync(Ana, _project.Id, new ArchitectureInput("zeta", ""));
        await Architectures.CreateAsync(Ana, _project.Id, new ArchitectureInput("Alpha", ""));
        await Architectures.CreateAsync(Ana, other.Id, new ArchitectureInput("Elsewhere", ""));
        _index.CatchUp();

        var list = await Architectures.ListAsync(Ana, _project.Id);

        Assert.Equal(["Alpha", "zeta"], list.Items.Select(a => a.Name));
    }

    [Fact]
    public async Task AnotherTeamsArchitectureDoesNotExistForThem()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);

        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.GetAsync(Bo, created.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.UpdateAsync(Bo, created.Id, new ArchitectureInput("Mine", null), 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.DeleteAsync(Bo, created.Id, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.ListVersionsAsync(Bo, created.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.ListAsync(Bo, _project.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.CreateAsync(Bo, _project.Id, Shop));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.RenderComponentDiagramAsync(Bo, created.Id, null));
        Assert.Equal(1, (await Architectures.GetAsync(Ana, created.Id)).Version);
    }

    [Fact]
    public async Task AnArchitectureAskedForUnderAnotherProjectIsNotFound()
    {
        var other = await _harness.Get<ProjectService>().CreateAsync(Ana, _anaTeam, new ProjectInput("Other", ""));
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);

        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.GetAsync(Ana, created.Id, other.Id));
    }

    [Fact]
    public async Task AViewerReadsADeveloperSavesAndOnlyAdminsDelete()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await TeamTestData.AddMemberAsync(_harness.Get<InvitationService>(), _anaTeam, Ana, Bo, TeamRole.Viewer);

        Assert.Equal("Shop", (await Architectures.GetAsync(Bo, created.Id)).Name);
        await Assert.ThrowsAsync<ForbiddenException>(() => Architectures.UpdateAsync(Bo, created.Id, new ArchitectureInput("Viewer", null), 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Architectures.CreateAsync(Bo, _project.Id, Shop));
        await Assert.ThrowsAsync<ForbiddenException>(() => Architectures.DeleteAsync(Bo, created.Id, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Architectures.UpdateAsync(Bo with { ReadOnly = true }, created.Id, new ArchitectureInput("x", null), 1));
    }

    [Fact]
    public async Task DeleteRemovesTheArchitectureItsVersionsAndRecordsEveryChange()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Shop 2", null), 1);

        await Architectures.DeleteAsync(Ana, created.Id, expectedVersion: 2);

        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.GetAsync(Ana, created.Id));
        var versions = await _harness.Get<DevPlatform.Core.Storage.Documents.IDocumentStore>().QueryAsync(ArchitectureService.Table,
            new DevPlatform.Core.Storage.Documents.DocumentQuery($"ARCH#{created.Id}"));
        Assert.Empty(versions.Items);
        _index.CatchUp();
        var history = await _harness.Get<ActivityLog>().ListForTargetAsync(ArchitectureService.TargetType, created.Id, 10);
        Assert.Equal([ActivityActions.ArchitectureDeleted, ActivityActions.ArchitectureUpdated, ActivityActions.ArchitectureCreated],
            history.Select(r => r.Action));
    }

    [Fact]
    public async Task ADeleteOnAStaleVersionIsAConflict()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Shop 2", null), 1);

        await Assert.ThrowsAsync<ConflictException>(() => Architectures.DeleteAsync(Ana, created.Id, expectedVersion: 1));

        Assert.Equal(2, (await Architectures.GetAsync(Ana, created.Id)).Version);
    }

    [Fact]
    public async Task AVersionWhoseItemWasNotWrittenYetIsCompletedWhenRead()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        var puts = 0;
        // The head's write succeeds; the owed version item's write (the next put) fails, as a crash there would leave it.
        _faults.FailOn = call => call == $"Put:{ArchitectureService.Table}" && ++puts == 2;
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput("Shop 2", null), 1, "Renamed");
        _faults.FailOn = _ => false;

        var version = await Architectures.GetVersionAsync(Ana, created.Id, 2);

        Assert.Equal(("Shop 2", "Renamed"), (version.Content.Name, version.Message));
        Assert.Equal([2L, 1L], (await Architectures.ListVersionsAsync(Ana, created.Id)).Items.Select(v => v.Number));
    }

    [Fact]
    public async Task TheHistoryPagesNewestFirst()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        for (var v = 1; v <= 4; v++) await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput($"Shop {v + 1}", null), v);

        var first = await Architectures.ListVersionsAsync(Ana, created.Id, pageSize: 3);
        var second = await Architectures.ListVersionsAsync(Ana, created.Id, pageSize: 3, continuationToken: first.ContinuationToken);

        Assert.Equal([5L, 4L, 3L, 2L, 1L], first.Items.Concat(second.Items).Select(v => v.Number));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task TheComponentDiagramOfAnyVersionIsDrawn()
    {
        var created = await Architectures.CreateAsync(Ana, _project.Id, Shop);
        await Architectures.UpdateAsync(Ana, created.Id, new ArchitectureInput(null, null, Components: [new ComponentInput("Solo")], Connections: []), 1);

        var first = await Architectures.RenderComponentDiagramAsync(Ana, created.Id, 1);
        var latest = await Architectures.RenderComponentDiagramAsync(Ana, created.Id, null);

        Assert.Contains("Orders DB", first);
        Assert.DoesNotContain("Orders DB", latest);
        Assert.Contains("Solo", latest);
    }
}

public sealed class SqliteArchitectureServiceTests() : ArchitectureServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoArchitectureServiceTests(AwsEmulators emulators) : ArchitectureServiceTests(emulators);
