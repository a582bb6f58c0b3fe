using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Core.Documentation;

/// <summary>Core's services on one backend with a project of Ana's, the documents port able to fail chosen writes.</summary>
public abstract class DocumentationTestBase(AwsEmulators? emulators) : IAsyncLifetime
{
    protected static readonly Actor Ana = new("ana", "Ana Lima");
    protected static readonly Actor Bo = new("bo", "Bo Chen");
    protected ServiceHarness Harness = null!;
    protected FaultyDocumentStore Faults = null!;
    protected readonly ShiftableTime Time = new();
    protected string ProjectId = "";
    protected DocumentService Documents => Harness.Get<DocumentService>();
    protected DocumentHistory History => Harness.Get<DocumentHistory>();
    protected DocumentSearch Search => Harness.Get<DocumentSearch>();

    public async Task InitializeAsync()
    {
        Harness = await ServiceHarness.WithDocuments(emulators, inner => Faults = new FaultyDocumentStore(inner),
            services => services.AddSingleton<TimeProvider>(Time)).StartAsync();
        var team = (await Harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
        await Harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
        ProjectId = (await Harness.Get<ProjectService>().CreateAsync(Ana, team, new ProjectInput("Docs project", ""))).Id;
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    protected Task<Document> PageAsync(string title, string content, string? parentId = null) =>
        Documents.CreateAsync(Ana, ProjectId, new DocumentInput(title, content, parentId));

    protected Task<Document> FolderAsync(string title, string? parentId = null) =>
        Documents.CreateAsync(Ana, ProjectId, new DocumentInput(title, null, parentId, DocumentKind.Folder));
}

/// <summary>Documentation pages, folders and versions on both backends.</summary>
public abstract class DocumentServiceTests(AwsEmulators? emulators) : DocumentationTestBase(emulators)
{
    [Fact]
    public async Task EverySaveIsAVersionAndAnOldOneIsRestoredAsANewVersion()
    {
        var page = await PageAsync("Runbook", "First text");
        var second = await Documents.SaveAsync(Ana, page.Id, "Runbook", "Second text", page.Version, "Clarified");
        var third = await Documents.SaveAsync(Ana, page.Id, "Runbook v3", "Third text", second.Version);

        var restored = await History.RestoreAsync(Ana, page.Id, 1, third.Version);

        Assert.Equal(("Runbook", "First text", 4L, 4L), (restored.Title, restored.Content, restored.Version, restored.Revision));
        var versions = await History.ListAsync(Ana, page.Id);
        Assert.Equal([4L, 3L, 2L, 1L], versions.Select(v => v.Number));
        Assert.Equal(["Restored version 1", null, "Clarified", null], versions.Select(v => v.Message));
        Assert.Equal("Second text", (await History.GetAsync(Ana, page.Id, 2)).Content);
        Assert.Equal("Ana Lima", versions[0].AuthorName);
    }

    [Fact]
    public async Task SavingAStaleVersionIsAConflictAndStoresNothing()
    {
        var page = await PageAsync("Plan", "alpha");
        await Documents.SaveAsync(Ana, page.Id, "Plan", "bravo", page.Version);

        await Assert.ThrowsAsync<ConflictException>(() => Documents.SaveAsync(Ana, page.Id, "Plan", "charlie", page.Version));

        Assert.Equal("bravo", (await Documents.GetAsync(Ana, page.Id)).Content);
        Assert.Equal(2, (await History.ListAsync(Ana, page.Id)).Count);
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "charlie"));
    }

    [Fact]
    public async Task ASaveWhosePageWriteFailsLeavesNoVersionInTheHistory()
    {
        var page = await PageAsync("Plan", "alpha");
        Faults.FailOn = call => call == $"Put:{DocumentTables.Table}" && Faults.Failures == 0 && _putCount++ == 1;

        await Assert.ThrowsAnyAsync<Exception>(() => Documents.SaveAsync(Ana, page.Id, "Plan", "lost", page.Version));
        Faults.FailOn = _ => false;

        Assert.Single(await History.ListAsync(Ana, page.Id));
        var saved = await Documents.SaveAsync(Ana, page.Id, "Plan", "kept", page.Version);
        Assert.Equal([2L, 1L], (await History.ListAsync(Ana, page.Id)).Select(v => v.Number));
        Assert.Equal("kept", (await History.GetAsync(Ana, page.Id, saved.Revision)).Content);
    }

    private int _putCount;

    [Fact]
    public async Task TheTreeHoldsFoldersBeforePagesAndAFolderCannotMoveIntoItself()
    {
        var guides = await FolderAsync("Guides");
        var deep = await FolderAsync("Deep", guides.Id);
        var page = await PageAsync("Setup", "text", deep.Id);
        await PageAsync("Another", "text");

        var intoChild = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.MoveAsync(Ana, guides.Id, deep.Id, guides.Version));
        var intoSelf = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.MoveAsync(Ana, guides.Id, guides.Id, guides.Version));
        var intoPage = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.MoveAsync(Ana, guides.Id, page.Id, guides.Version));
        var moved = await Documents.MoveAsync(Ana, page.Id, null, page.Version);

        Assert.All([intoChild, intoSelf, intoPage], e => Assert.True(e.Errors.ContainsKey("parentId")));
        Assert.Null(moved.ParentId);
        var tree = await Documents.ListTreeAsync(Ana, ProjectId);
        Assert.Equal(["Guides", "Another", "Setup"], tree.Select(n => n.Title));
        Assert.Equal("Deep", Assert.Single(tree[0].Children).Title);
    }

    [Fact]
    public async Task AFolderIsDeletedOnlyWhenEmpty()
    {
        var folder = await FolderAsync("Old");
        var page = await PageAsync("Inside", "text", folder.Id);

        await Assert.ThrowsAsync<ConflictException>(() => Documents.DeleteAsync(Ana, folder.Id, null));
        await Documents.DeleteAsync(Ana, page.Id, null);
        await Documents.DeleteAsync(Ana, folder.Id, null);

        Assert.Empty(await Documents.ListTreeAsync(Ana, ProjectId));
        await Assert.ThrowsAsync<NotFoundException>(() => Documents.GetAsync(Ana, page.Id));
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByField()
    {
        var noTitle = await Assert.ThrowsAsync<ValidationFailedException>(() => PageAsync(" ", "x"));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => PageAsync("Big", new string('x', DocumentRules.ContentMaxLength + 1)));
        var badParent = await Assert.ThrowsAsync<ValidationFailedException>(() => PageAsync("Orphan", "x", "doc_00000000000000000000000000000000"));

        Assert.Equal(["title", "content", "parentId"], new[] { noTitle, tooLong, badParent }.Select(e => e.Errors.Keys.Single()));
        Assert.Empty(await Documents.ListTreeAsync(Ana, ProjectId));
    }

    [Fact]
    public async Task AnotherTeamsDocumentsDoNotExistForThem()
    {
        var page = await PageAsync("Private", "secret words");

        await Assert.ThrowsAsync<NotFoundException>(() => Documents.GetAsync(Bo, page.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Documents.SaveAsync(Bo, page.Id, "Mine", "", page.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => History.ListAsync(Bo, page.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Documents.ListTreeAsync(Bo, ProjectId));
        await Assert.ThrowsAsync<NotFoundException>(() => Search.SearchAsync(Bo, ProjectId, "secret"));
    }

    [Fact]
    public async Task EveryChangeIsRecordedAsActivity()
    {
        var page = await PageAsync("Logged", "a");
        var saved = await Documents.SaveAsync(Ana, page.Id, "Logged", "b", page.Version);
        await Documents.DeleteAsync(Ana, page.Id, saved.Version);

        var records = await Harness.Get<DevPlatform.Core.Activity.ActivityLog>().ListForTargetAsync(DocumentTables.TargetType, page.Id, 10);
        Assert.Equal(["document_deleted", "document_updated", "document_created"], records.Select(r => r.Action));
    }

    [Fact]
    public async Task NothingIsLeftOwedAfterAWriteCompletes()
    {
        var page = await PageAsync("Tidy", "a");
        await Documents.SaveAsync(Ana, page.Id, "Tidy", "b", page.Version);

        Assert.Equal(0, await Harness.Get<OwedWorkRunner>().RepairAsync(DocumentTables.Table, TimeSpan.Zero, CancellationToken.None));
    }
}

public sealed class SqliteDocumentServiceTests() : DocumentServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoDocumentServiceTests(AwsEmulators emulators) : DocumentServiceTests(emulators);
