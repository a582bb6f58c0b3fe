using DevPlatform.Core.Convergence;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Documentation;

/// <summary>Search through the inverted index on both backends: kept in step by every save, restore and delete, and by the repair pass after a crash.</summary>
public abstract class DocumentSearchTests(AwsEmulators? emulators) : DocumentationTestBase(emulators)
{
    [Fact]
    public async Task ATitleMatchRanksAboveATextMatchAndTheSnippetHighlightsTheWord()
    {
        var inText = await PageAsync("Operations", "How we handle a **deployment** rollback when the health check fails.");
        var inTitle = await PageAsync("Deployment guide", "Steps to ship.");

        var hits = await Search.SearchAsync(Ana, ProjectId, "deployment");

        Assert.Equal([inTitle.Id, inText.Id], hits.Select(h => h.Id));
        var snippet = hits[1].Snippet;
        var range = Assert.Single(hits[1].Highlights);
        Assert.Equal("deployment", snippet.Substring(range.Start, range.Length));
        Assert.DoesNotContain("**", snippet);
        Assert.Equal("Deployment", hits[0].Title.Substring(hits[0].TitleHighlights[0].Start, hits[0].TitleHighlights[0].Length));
    }

    [Fact]
    public async Task EveryWordMustMatchAndTheLastOneAlsoAsAPrefix()
    {
        var page = await PageAsync("Kubernetes notes", "Café migrations and the deployment pipeline");
        await PageAsync("Other", "Only migrations here");

        Assert.Equal(page.Id, Assert.Single(await Search.SearchAsync(Ana, ProjectId, "migrations deplo")).Id);
        Assert.Equal(page.Id, Assert.Single(await Search.SearchAsync(Ana, ProjectId, "cafe")).Id);
        Assert.Equal(2, (await Search.SearchAsync(Ana, ProjectId, "MIGRATIONS")).Count);
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "deplo "));
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "the"));
    }

    [Fact]
    public async Task TheIndexFollowsSavesRestoresAndDeletes()
    {
        var page = await PageAsync("Notes", "apples");
        var saved = await Documents.SaveAsync(Ana, page.Id, "Notes", "bananas", page.Version);
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "apples"));
        Assert.Single(await Search.SearchAsync(Ana, ProjectId, "bananas"));

        var restored = await History.RestoreAsync(Ana, page.Id, 1, saved.Version);
        Assert.Single(await Search.SearchAsync(Ana, ProjectId, "apples"));
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "bananas"));

        await Documents.DeleteAsync(Ana, page.Id, restored.Version);
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "apples"));
        Assert.Empty(await EntriesAsync("ap"));
        Assert.Empty(await EntriesAsync("no"));
    }

    [Fact]
    public async Task AnIndexUpdateLostInACrashIsCompletedByTheRepairPass()
    {
        var page = await PageAsync("Notes", "apples");
        Faults.FailOn = call => call == $"Put:{DocumentTables.TermsTable}";

        var saved = await Documents.SaveAsync(Ana, page.Id, "Notes", "cherries", page.Version);
        Faults.FailOn = _ => false;

        Assert.Equal("cherries", saved.Content);
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "cherries"));
        Assert.Empty(await Search.SearchAsync(Ana, ProjectId, "apples"));
        Assert.Equal(1, await Harness.Get<OwedWorkRunner>().RepairAsync(DocumentTables.Table, TimeSpan.Zero, CancellationToken.None));
        Assert.Single(await Search.SearchAsync(Ana, ProjectId, "cherries"));
        Assert.Empty(await EntriesAsync("ap"));
    }

    [Fact]
    public async Task SearchReadsTheIndexByKeyOnly()
    {
        for (var i = 0; i < 5; i++) await PageAsync($"Page {i}", i % 2 == 0 ? "even words" : "odd words");

        var hits = await Search.SearchAsync(Ana, ProjectId, "even");

        Assert.Equal(3, hits.Count);
        // The port has no scan at all; the entries read are exactly the partition of "ev" terms of this project.
        Assert.Equal(3, (await EntriesAsync("ev")).Count);
    }

    private async Task<IReadOnlyList<DocumentItem>> EntriesAsync(string shard) =>
        (await Harness.Get<IDocumentStore>().QueryAsync(DocumentTables.TermsTable, new DocumentQuery($"TERM#{ProjectId}#{shard}") { Limit = 100 })).Items;
}

public sealed class SqliteDocumentSearchTests() : DocumentSearchTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoDocumentSearchTests(AwsEmulators emulators) : DocumentSearchTests(emulators);
