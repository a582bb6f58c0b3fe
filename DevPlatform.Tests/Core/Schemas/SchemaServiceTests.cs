using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Tests.Core.Teams;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>The schema service on both backends, with a project index that lags as DynamoDB's does.</summary>
public abstract class SchemaServiceTests(SchemaHarness harness) : IAsyncLifetime
{
    private SchemaService Schemas => harness.Schemas;
    private Actor _ana = null!;
    private string _team = "";
    private Project _project = null!;

    private static SchemaInput Shop => SchemaInputs.From("Shop", TestSchemas.Shop());

    private static SchemaInput Small(string name = "Blog", params FieldInput?[] more) =>
        new(name, [new EntityInput("Post", [new FieldInput("title", FieldType.String, true, 120), .. more])]);

    public async Task InitializeAsync()
    {
        harness.Faults.FailOn = _ => false;
        (_ana, _team, _project) = await harness.NewOwnerAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateStoresVersionOneAndReadsBackTheSameSchema()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Shop, "First cut");

        Assert.Equal((1L, 1L, "Shop", _project.Id, "First cut", _ana.DisplayName), (created.Version, created.LatestVersion, created.Name, created.ProjectId, created.Message, created.AuthorName));
        Assert.Equal(10, created.Entities.Count);
        var read = await Schemas.GetAsync(_ana, created.Id);
        Assert.Equal(DocumentJson.Serialize(created), DocumentJson.Serialize(read));
    }

    [Fact]
    public async Task AnInvalidSchemaIsRefusedWithItsPathAndNothingIsStored()
    {
        var bad = new SchemaInput("Bad", [new EntityInput("Order", [new FieldInput("select", FieldType.String)], [new RelationInput("customer", RelationKind.ManyToOne, "Customer")])]);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Schemas.CreateAsync(_ana, _project.Id, bad));

        Assert.Equal(["entities[0].fields[0].name", "entities[0].relations[0].target"], error.Errors.Keys.Order());
        harness.Index.CatchUp();
        Assert.Empty((await Schemas.ListAsync(_ana, _project.Id)).Items);
    }

    [Fact]
    public async Task EverySaveIsAnImmutableVersionWithAuthorAndMessage()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());

        var saved = await Schemas.SaveAsync(_ana, created.Id, Small("Blog", new FieldInput("body", FieldType.Text)), baseVersion: 1, "Add body");

        Assert.Equal((2L, 2), (saved.Version, saved.Entities[0].Fields.Count));
        Assert.Single((await Schemas.GetAsync(_ana, created.Id, version: 1)).Entities[0].Fields);
        var history = await Schemas.ListVersionsAsync(_ana, created.Id);
        Assert.Equal([(2L, "Add body", _ana.UserId), (1L, "Created", _ana.UserId)], history.Items.Select(v => (v.Number, v.Message, v.AuthorId)));
    }

    [Fact]
    public async Task ASaveBasedOnAStaleVersionIsAConflictAndOverwritesNothing()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        await Schemas.SaveAsync(_ana, created.Id, Small("Blog 2"), 1);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Schemas.SaveAsync(_ana, created.Id, Small("Stale"), 1));

        Assert.Contains("now at version 2", conflict.Message);
        Assert.Equal(("Blog 2", 2L), ((await Schemas.GetAsync(_ana, created.Id)).Name, (await Schemas.GetAsync(_ana, created.Id)).Version));
        Assert.Equal(2, (await Schemas.ListVersionsAsync(_ana, created.Id)).Items.Count);
    }

    [Fact]
    public async Task OfTwoSavesRacingOnOneVersionExactlyOneWins()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());

        var won = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            try
            {
                await Schemas.SaveAsync(_ana, created.Id, Small($"Racer {i}"), 1);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        Assert.Single(won, w => w);
        Assert.Equal([2L, 1L], (await Schemas.ListVersionsAsync(_ana, created.Id)).Items.Select(v => v.Number));
    }

    [Fact]
    public async Task RestoringAnOldVersionSavesItAgainAsTheNextOne()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        await Schemas.SaveAsync(_ana, created.Id, new SchemaInput("Renamed", [new EntityInput("Article", [])]), 1);

        var restored = await Schemas.RestoreAsync(_ana, created.Id, number: 1, baseVersion: 2);

        Assert.Equal((3L, "Blog", "Post", 1L, "Restored version 1"), (restored.Version, restored.Name, restored.Entities[0].Name, restored.RestoredFrom, restored.Message));
        await Assert.ThrowsAsync<ConflictException>(() => Schemas.RestoreAsync(_ana, created.Id, 1, baseVersion: 2));
        Assert.True((await Schemas.DiffAsync(_ana, created.Id, 1, 3)).IsEmpty);
    }

    [Fact]
    public async Task TheDiffOfTwoVersionsFlagsWhatBreaks()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small("Blog", new FieldInput("views", FieldType.Long)));
        await Schemas.SaveAsync(_ana, created.Id, Small("Blog", new FieldInput("views", FieldType.Int), new FieldInput("slug", FieldType.String, Unique: true)), 1);

        var diff = await Schemas.DiffAsync(_ana, created.Id, 1, 2);

        var views = Assert.Single(diff.Changes, c => c.Name == "views");
        Assert.Equal(["narrowed type long → int"], views.Breaking);
        Assert.False(Assert.Single(diff.Changes, c => c.Name == "slug").IsBreaking);
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.DiffAsync(_ana, created.Id, 1, 3));
    }

    [Fact]
    public async Task TheListIsTheProjectsSchemasInNameOrderOnceTheIndexCatchesUp()
    {
        var other = await harness.Services.Get<ProjectService>().CreateAsync(_ana, _team, new ProjectInput("Other", ""));
        await Schemas.CreateAsync(_ana, _project.Id, Small("zeta"));
        await Schemas.CreateAsync(_ana, _project.Id, Small("Alpha"));
        await Schemas.CreateAsync(_ana, other.Id, Small("Elsewhere"));

        var lagging = await Schemas.ListAsync(_ana, _project.Id);
        harness.Index.CatchUp();
        var list = await Schemas.ListAsync(_ana, _project.Id);

        Assert.Empty(lagging.Items);
        Assert.Equal(["Alpha", "zeta"], list.Items.Select(s => s.Name));
    }

    [Fact]
    public async Task AnotherTeamsSchemaDoesNotExistForThemAndViewersOnlyRead()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        var stranger = await harness.NewStrangerAsync();
        var viewer = await harness.NewStrangerAsync();
        await TeamTestData.AddMemberAsync(harness.Services.Get<InvitationService>(), _team, _ana, viewer, TeamRole.Viewer);

        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.GetAsync(stranger, created.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.SaveAsync(stranger, created.Id, Small("Mine"), 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.ListAsync(stranger, _project.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.DeleteAsync(stranger, created.Id, null));
        Assert.Equal("Blog", (await Schemas.GetAsync(viewer, created.Id)).Name);
        await Assert.ThrowsAsync<ForbiddenException>(() => Schemas.SaveAsync(viewer, created.Id, Small("Viewer"), 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Schemas.CreateAsync(viewer, _project.Id, Small()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Schemas.SaveAsync(_ana with { ReadOnly = true }, created.Id, Small("x"), 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.GetAsync(_ana, created.Id, projectId: "prj_00000000000000000000000000000000"));
        Assert.Equal(1, (await Schemas.GetAsync(_ana, created.Id)).Version);
    }

    [Fact]
    public async Task DeleteRemovesTheSchemaAndItsVersionsAndRecordsEveryChange()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        await Schemas.SaveAsync(_ana, created.Id, Small("Blog 2"), 1);
        await Schemas.RestoreAsync(_ana, created.Id, 1, 2);

        await Assert.ThrowsAsync<ConflictException>(() => Schemas.DeleteAsync(_ana, created.Id, expectedVersion: 2));
        await Schemas.DeleteAsync(_ana, created.Id, expectedVersion: 3);

        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.GetAsync(_ana, created.Id));
        Assert.Empty((await harness.Services.Get<IDocumentStore>().QueryAsync(SchemaService.Table, new DocumentQuery($"SCHEMA#{created.Id}"))).Items);
        Assert.Null(await Schemas.FindVersionAsync(created.Id, 1));
        harness.Index.CatchUp();
        var history = await harness.Services.Get<ActivityLog>().ListForTargetAsync(SchemaService.TargetType, created.Id, 10);
        Assert.Equal([ActivityActions.SchemaDeleted, ActivityActions.SchemaRestored, ActivityActions.SchemaUpdated, ActivityActions.SchemaCreated],
            history.Select(r => r.Action));
    }

    [Fact]
    public async Task DeletingTheProjectDeletesItsSchemasEvenWhenTheIndexLags()
    {
        var first = await Schemas.CreateAsync(_ana, _project.Id, Small("One"));
        await Schemas.SaveAsync(_ana, first.Id, Small("One again"), 1);
        harness.Index.CatchUp();
        var second = await Schemas.CreateAsync(_ana, _project.Id, Small("Two"));

        await harness.Services.Get<ProjectService>().DeleteAsync(_ana, _project.Id, null);

        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.GetAsync(_ana, first.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Schemas.GetAsync(_ana, second.Id));
        Assert.Null(await Schemas.FindVersionAsync(second.Id, 1));
        Assert.Empty((await harness.Services.Get<IDocumentStore>().QueryAsync(SchemaService.Table, new DocumentQuery($"SCHEMA#{first.Id}"))).Items);
    }

    [Fact]
    public async Task AVersionWhoseWriteFailedMidSaveIsCompletedByTheNextRead()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        var puts = 0;
        // The head's write succeeds; the version item it owes (the next put) fails, as a crash there would leave it.
        harness.Faults.FailOn = call => call == $"Put:{SchemaService.Table}" && ++puts == 2;
        var saved = await Schemas.SaveAsync(_ana, created.Id, Small("Blog 2"), 1, "Renamed");
        harness.Faults.FailOn = _ => false;

        var read = await Schemas.GetAsync(_ana, created.Id);

        Assert.Equal((2L, "Blog 2", "Renamed"), (saved.Version, read.Name, read.Message));
        Assert.Equal([2L, 1L], (await Schemas.ListVersionsAsync(_ana, created.Id)).Items.Select(v => v.Number));
    }

    [Fact]
    public async Task WorkLeftOwedByACrashIsFinishedByTheRepairPassAndTheNextSaveStillWorks()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Small());
        // Only the head's write lands: the version item, the activity record and clearing the owed work all fail.
        var puts = 0;
        harness.Faults.FailOn = call => call.StartsWith("Put:", StringComparison.Ordinal) && ++puts > 1;
        await Schemas.SaveAsync(_ana, created.Id, Small("Blog 2"), 1);
        harness.Faults.FailOn = _ => false;

        await harness.Services.Get<DevPlatform.Core.Convergence.OwedWorkRunner>().RepairAsync(SchemaService.Table, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("Blog 2", (await Schemas.FindVersionAsync(created.Id, 2))!.Name);
        var third = await Schemas.SaveAsync(_ana, created.Id, Small("Blog 3"), 2);
        Assert.Equal(3, third.Version);
        harness.Index.CatchUp();
        var history = await harness.Services.Get<ActivityLog>().ListForTargetAsync(SchemaService.TargetType, created.Id, 10);
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public async Task CodeGenerationReadsAnyVersionWithOrWithoutAnAccessCheck()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Shop);
        await Schemas.SaveAsync(_ana, created.Id, Small(), 1);
        ISchemaSource source = Schemas;

        var latest = await source.GetAsync(_ana, created.Id, null);
        var first = await source.FindVersionAsync(created.Id, 1);

        Assert.Equal((2L, "Blog"), (latest.Version, latest.Name));
        Assert.Equal((1L, 10, _project.Id, _team), (first!.Version, first.Definition.Entities.Count, first.ProjectId, first.TeamId));
        Assert.Null(await source.FindVersionAsync(created.Id, 3));
        Assert.Null(await source.FindVersionAsync("sch_00000000000000000000000000000000", 1));
        var stranger = await harness.NewStrangerAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => source.GetAsync(stranger, created.Id, null));
    }

    [Fact]
    public async Task TheErDiagramOfAnyVersionIsDrawn()
    {
        var created = await Schemas.CreateAsync(_ana, _project.Id, Shop);
        await Schemas.SaveAsync(_ana, created.Id, Small(), 1);

        var first = await Schemas.RenderDiagramAsync(_ana, created.Id, 1);
        var latest = await Schemas.RenderDiagramAsync(_ana, created.Id);

        Assert.Contains("OrderLine", first);
        Assert.DoesNotContain("OrderLine", latest);
        Assert.Contains("Post", latest);
    }
}

public sealed class SqliteSchemaServiceTests(SqliteSchemaHarness harness) : SchemaServiceTests(harness), IClassFixture<SqliteSchemaHarness>;

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoSchemaServiceTests(DynamoSchemaHarness harness) : SchemaServiceTests(harness), IClassFixture<DynamoSchemaHarness>;
