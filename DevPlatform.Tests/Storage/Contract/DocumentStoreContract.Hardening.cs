using System.Buffers.Text;
using System.Text;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>Continuation tokens bound to their query, counters that count an operation once, pending work, whole-item puts.</summary>
public abstract partial class DocumentStoreContract
{
    public static TheoryData<string> ForgedTokens() =>
    [
        Base64Url.EncodeToString("""{"pk":null,"sk":null,"gsi1sk":null}"""u8),
        Base64Url.EncodeToString("""{"pk":"a","sk":"THING","gsi1pk":"OWNER#1","gsi1sk":"name-001"}"""u8),
        "e30.AAAAAAAAAAAAAAAAAAAAAA",
        "..",
        new string('x', 5000),
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task QueryRejectsForgedTokens(string token)
    {
        await ParallelPutAsync(Enumerable.Range(0, 3).Select(i => Item($"t{i}", "x", indexKeys: ("OWNER#1", $"name-{i:D3}"))));

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
            Store.QueryAsync(Table, new DocumentQuery("OWNER#1") { IndexName = ByOwner, ContinuationToken = token }));
    }

    [Fact]
    public async Task ATokenWorksOnlyForTheQueryThatIssuedIt()
    {
        await ParallelPutAsync(Enumerable.Range(0, 6).Select(i => Item($"t{i}", "x", indexKeys: (i < 3 ? "OWNER#1" : "OWNER#2", $"name-{i:D3}"))));
        var query = new DocumentQuery("OWNER#1") { IndexName = ByOwner, Limit = 1 };
        var token = (await Store.QueryAsync(Table, query)).ContinuationToken!;

        Assert.Single((await Store.QueryAsync(Table, query with { ContinuationToken = token })).Items);
        foreach (var foreign in new[]
                 {
                     query with { PartitionKey = "OWNER#2", ContinuationToken = token },
                     query with { Descending = true, ContinuationToken = token },
                     query with { SortKey = SortKeyCondition.BeginsWith("name"), ContinuationToken = token },
                     query with { ContinuationToken = Tamper(token) },
                 })
            await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Store.QueryAsync(Table, foreign));
    }

    [Fact]
    public async Task IncrementOnceCountsAnOperationOnceUntilItIsReleased()
    {
        var key = new DocumentKey("TEAM#once", "projects");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Store.IncrementOnceAsync(Counters.Name, key, 1, "op-1")));
        await Store.IncrementOnceAsync(Counters.Name, key, 1, "op-2");

        Assert.Equal(1, results.Count(applied => applied));
        Assert.Equal(2, await Store.GetCounterAsync(Counters.Name, key));

        await Store.ReleaseIncrementAsync(Counters.Name, key, "op-1");
        await Store.ReleaseIncrementAsync(Counters.Name, key, "op-1");
        Assert.True(await Store.IncrementOnceAsync(Counters.Name, key, -1, "op-1"));
        Assert.Equal(1, await Store.GetCounterAsync(Counters.Name, key));
    }

    [Fact]
    public async Task PendingWorkIsStoredWithTheItemAndClearedByTheNextPut()
    {
        await Store.PutAsync(Table, Item("p", "x") with { Pending = """[{"kind":"count"}]""" }, WriteCondition.IfAbsent);
        Assert.Equal("""[{"kind":"count"}]""", (await Store.GetAsync(Table, Key("p")))!.Pending);

        await Store.PutAsync(Table, Item("p", "x", version: 2), WriteCondition.IfVersion(1));

        Assert.Null((await Store.GetAsync(Table, Key("p")))!.Pending);
    }

    [Fact]
    public async Task APutReplacesTheWholeItemIncludingItsCounter()
    {
        var key = new DocumentKey("TEAM#put", "projects");
        await Store.IncrementAsync(Counters.Name, key, 5);

        await Store.PutAsync(Counters.Name, new DocumentItem(key, "{}", 1), WriteCondition.None);

        Assert.Equal(0, await Store.GetCounterAsync(Counters.Name, key));
    }

    [Fact]
    public async Task APrefixQueryStopsAtTheEndOfThePrefixWhateverFollows()
    {
        foreach (var sk in new[] { "caf", "café", "café\uFFFF", "café😀", "cafè", "cafe", "cafÿ" })
            await Store.PutAsync(Table, new DocumentItem(new DocumentKey("P#1", sk), "{}", 1), WriteCondition.None);

        var page = await Store.QueryAsync(Table, new DocumentQuery("P#1") { SortKey = SortKeyCondition.BeginsWith("café") });

        Assert.Equal(["café", "café\uFFFF", "café😀"], page.Items.Select(i => i.Key.SortKey));
    }

    private static string Tamper(string token)
    {
        var dot = token.IndexOf('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot))).Replace("name-000", "name-001");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + token[dot..];
    }
}
