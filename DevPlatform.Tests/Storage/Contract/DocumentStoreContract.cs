using DevPlatform.Core.Storage.Documents;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>What every IDocumentStore must do; run against SQLite and against DynamoDB (dynalite).</summary>
public abstract partial class DocumentStoreContract(Func<StorageBackend> createBackend) : IAsyncLifetime
{
    private const string Table = "things";
    private const string ByOwner = "by-owner";
    private static readonly TableDefinition Things = new(Table, new IndexDefinition(ByOwner, "gsi1pk", "gsi1sk"));
    private static readonly TableDefinition Counters = new("tallies");

    private StorageBackend _backend = null!;
    private IDocumentStore Store => _backend.Documents;

    public async Task InitializeAsync()
    {
        _backend = createBackend();
        await Store.EnsureTablesAsync([Things, Counters]);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task EnsureTablesIsIdempotent()
    {
        await Store.EnsureTablesAsync([Things, Counters]);
        await Store.PutAsync(Table, Item("a", "one"), WriteCondition.None);

        await Store.EnsureTablesAsync([Things, Counters]);

        Assert.NotNull(await Store.GetAsync(Table, Key("a")));
    }

    [Fact]
    public async Task GetReturnsNullForAMissingItem() =>
        Assert.Null(await Store.GetAsync(Table, Key("missing")));

    [Fact]
    public async Task PutIfAbsentRefusesASecondItemWithTheSameKeyAndKeepsTheFirst()
    {
        await Store.PutAsync(Table, Item("a", "first"), WriteCondition.IfAbsent);

        await Assert.ThrowsAsync<ConditionalWriteFailedException>(() => Store.PutAsync(Table, Item("a", "second"), WriteCondition.IfAbsent));

        Assert.Equal("""{"v":"first"}""", (await Store.GetAsync(Table, Key("a")))!.Body);
    }

    [Fact]
    public async Task PutIfVersionRefusesAStaleVersionAndChangesNothing()
    {
        await Store.PutAsync(Table, Item("a", "v1", version: 1), WriteCondition.IfAbsent);
        await Store.PutAsync(Table, Item("a", "v2", version: 2), WriteCondition.IfVersion(1));

        await Assert.ThrowsAsync<ConditionalWriteFailedException>(() => Store.PutAsync(Table, Item("a", "stale", version: 2), WriteCondition.IfVersion(1)));

        var stored = await Store.GetAsync(Table, Key("a"));
        Assert.Equal(("""{"v":"v2"}""", 2L), (stored!.Body, stored.Version));
    }

    [Fact]
    public async Task PutIfVersionRefusesAMissingItem() =>
        await Assert.ThrowsAsync<ConditionalWriteFailedException>(() => Store.PutAsync(Table, Item("ghost", "x", version: 2), WriteCondition.IfVersion(1)));

    [Fact]
    public async Task DeleteIfVersionRefusesAStaleVersionAndKeepsTheItem()
    {
        await Store.PutAsync(Table, Item("a", "v2", version: 2), WriteCondition.None);

        await Assert.ThrowsAsync<ConditionalWriteFailedException>(() => Store.DeleteAsync(Table, Key("a"), WriteCondition.IfVersion(1)));
        Assert.NotNull(await Store.GetAsync(Table, Key("a")));

        await Store.DeleteAsync(Table, Key("a"), WriteCondition.IfVersion(2));
        Assert.Null(await Store.GetAsync(Table, Key("a")));
    }

    [Fact]
    public async Task IncrementsAreAtomicUnderConcurrency()
    {
        var key = new DocumentKey("TEAM#1", "projects");

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Store.IncrementAsync(Counters.Name, key, 1)));
        var afterDecrement = await Store.IncrementAsync(Counters.Name, key, -5);

        Assert.Equal(20, afterDecrement);
        Assert.Equal(20, await Store.GetCounterAsync(Counters.Name, key));
    }

    [Fact]
    public async Task ACounterNeverIncrementedIsZero() =>
        Assert.Equal(0, await Store.GetCounterAsync(Counters.Name, new DocumentKey("TEAM#none", "projects")));

    [Fact]
    public async Task BatchGetReturnsOnlyTheItemsThatExist()
    {
        await Store.PutAsync(Table, Item("a", "1"), WriteCondition.None);
        await Store.PutAsync(Table, Item("b", "2"), WriteCondition.None);

        var found = await Store.BatchGetAsync(Table, [Key("a"), Key("b"), Key("nope")]);

        Assert.Equal(["a", "b"], found.Select(i => i.Key.PartitionKey).Order());
    }

    [Fact]
    public async Task QueryPagesThrough250ItemsOnAnIndexInBothOrders()
    {
        var names = Enumerable.Range(0, 250).Select(i => $"name-{i:D3}").ToList();
        await ParallelPutAsync(names.Select(n => Item(n, n, indexKeys: ("OWNER#1", n))));
        await Store.PutAsync(Table, Item("other-owner", "x", indexKeys: ("OWNER#2", "name-000")), WriteCondition.None);
        await Store.PutAsync(Table, Item("not-indexed", "x"), WriteCondition.None);

        var ascending = await ReadAllAsync(new DocumentQuery("OWNER#1") { IndexName = ByOwner, Limit = 40 });
        var descending = await ReadAllAsync(new DocumentQuery("OWNER#1") { IndexName = ByOwner, Limit = 40, Descending = true });

        Assert.Equal(names, ascending.Items);
        Assert.Equal(Enumerable.Reverse(names), descending.Items);
        Assert.Equal(7, ascending.Pages);
    }

    [Fact]
    public async Task QueryFiltersTheSortKeyByPrefixAndByRange()
    {
        foreach (var sk in new[] { "ORDER#2024-01", "ORDER#2024-02", "ORDER#2025-01", "PROFILE" })
            await Store.PutAsync(Table, new DocumentItem(new DocumentKey("USER#1", sk), "{}", 1), WriteCondition.None);

        var prefixed = await Store.QueryAsync(Table, new DocumentQuery("USER#1") { SortKey = SortKeyCondition.BeginsWith("ORDER#2024") });
        var ranged = await Store.QueryAsync(Table, new DocumentQuery("USER#1") { SortKey = SortKeyCondition.Between("ORDER#2024-02", "ORDER#2025-12") });

        Assert.Equal(["ORDER#2024-01", "ORDER#2024-02"], prefixed.Items.Select(i => i.Key.SortKey));
        Assert.Equal(["ORDER#2024-02", "ORDER#2025-01"], ranged.Items.Select(i => i.Key.SortKey));
        Assert.Null(prefixed.ContinuationToken);
    }

    [Fact]
    public async Task ALastPageThatIsExactlyFullHasNoContinuationToken()
    {
        await ParallelPutAsync(Enumerable.Range(0, 10).Select(i => Item($"p{i}", "x", indexKeys: ("OWNER#9", $"k{i}"))));

        var page = await Store.QueryAsync(Table, new DocumentQuery("OWNER#9") { IndexName = ByOwner, Limit = 10 });

        Assert.Equal(10, page.Items.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryRejectsATokenItDidNotIssue() =>
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
            Store.QueryAsync(Table, new DocumentQuery("OWNER#1") { IndexName = ByOwner, ContinuationToken = "not-a-token" }));

    [Fact]
    public async Task UpdatingAnItemMovesItInTheIndex()
    {
        await Store.PutAsync(Table, Item("a", "x", indexKeys: ("OWNER#1", "zeta")), WriteCondition.None);
        await Store.PutAsync(Table, Item("b", "x", indexKeys: ("OWNER#1", "beta")), WriteCondition.None);

        await Store.PutAsync(Table, Item("a", "x", version: 2, indexKeys: ("OWNER#1", "alpha")), WriteCondition.IfVersion(1));

        var page = await Store.QueryAsync(Table, new DocumentQuery("OWNER#1") { IndexName = ByOwner });
        Assert.Equal(["a", "b"], page.Items.Select(i => i.Key.PartitionKey));
        Assert.Equal("alpha", page.Items[0].IndexKeys["gsi1sk"]);
    }

    private async Task<(List<string> Items, int Pages)> ReadAllAsync(DocumentQuery query)
    {
        var items = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(Table, query with { ContinuationToken = token });
            items.AddRange(page.Items.Select(i => i.Key.PartitionKey));
            token = page.ContinuationToken;
            pages++;
        } while (token is not null);
        return (items, pages);
    }

    private async Task ParallelPutAsync(IEnumerable<DocumentItem> items) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) => await Store.PutAsync(Table, item, WriteCondition.None, ct));

    private static DocumentKey Key(string id) => new(id, "THING");

    private static DocumentItem Item(string id, string value, long version = 1, (string Pk, string Sk)? indexKeys = null) =>
        new(Key(id), $$"""{"v":"{{value}}"}""", version)
        {
            IndexKeys = indexKeys is { } k ? new Dictionary<string, string> { ["gsi1pk"] = k.Pk, ["gsi1sk"] = k.Sk } : new Dictionary<string, string>(),
        };
}

public sealed class SqliteDocumentStoreTests() : DocumentStoreContract(() => new LocalBackend());

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoDocumentStoreTests(AwsEmulators emulators) : DocumentStoreContract(() => new AwsBackend(emulators));
