using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// The runs table: one item per run (<c>CODEGEN#{id}/RUN</c>), listed by project and by project and creator. Every change
/// of a run is a compare-and-swap on its item's revision, carrying forward whatever work the item still owes.
/// </summary>
public sealed class CodeGenerationRecords(IDocumentStore documents, OwedWorkRunner owedWork)
{
    public const string Table = "code-generations";
    public const string ByProject = "by-project";
    public const string ByCreator = "by-creator";
    public const string IdPrefix = "cg";
    private const string SortKey = "RUN";

    public static readonly TableDefinition TableDefinition = new(Table,
        new IndexDefinition(ByProject, "gsi1pk", "gsi1sk"), new IndexDefinition(ByCreator, "gsi2pk", "gsi2sk"), OwedWorkRunner.Index);

    public static string ArchiveKey(string projectId, string runId) => $"code-generations/{projectId}/{runId}/archive.zip";

    public static string ProjectPartition(string projectId) => $"PROJECT#{projectId}";

    public static string CreatorPartition(string projectId, string userId) => $"PROJECT#{projectId}#USER#{userId}";

    public async Task<(DocumentItem Item, CodeGenerationRun Run)?> FindAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(IdPrefix, id)) return null;
        var item = await documents.GetAsync(Table, Key(id), ct);
        return item is null || OwedWorkRunner.IsBeingRemoved(item) ? null : (item, ToRun(item));
    }

    /// <summary>Writes a new run owing <paramref name="effects"/>, then runs them.</summary>
    public async Task CreateAsync(CodeGenerationRun run, IReadOnlyList<OwedEffect> effects, CancellationToken ct)
    {
        var item = owedWork.Owing(ToItem(run, 1), null, effects);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
    }

    /// <summary>
    /// Replaces the run if its item is still at <paramref name="current"/>'s revision, owing <paramref name="effects"/>
    /// (and whatever <paramref name="current"/> still owed); then runs the work. Returns the item as written.
    /// </summary>
    /// <exception cref="ConditionalWriteFailedException">Someone else changed the run first; nothing was written.</exception>
    public async Task<DocumentItem> ReplaceAsync(DocumentItem current, CodeGenerationRun next, IReadOnlyList<OwedEffect> effects, CancellationToken ct)
    {
        var plain = ToItem(next, current.Version + 1);
        var written = effects.Count == 0 && current.Pending is null ? plain : owedWork.Owing(plain, current, effects);
        await documents.PutAsync(Table, written, WriteCondition.IfVersion(current.Version), ct);
        if (written.Pending is null) return written;
        await owedWork.CompleteAsync(Table, written);
        // Completing moved the revision on (or a repair did): read what is there now.
        return await documents.GetAsync(Table, written.Key, CancellationToken.None) ?? written;
    }

    /// <summary>Finishes work the item owes (a dispatch still being sent, say) and reads it again.</summary>
    public async Task<(DocumentItem Item, CodeGenerationRun Run)?> SettleAsync(DocumentItem item, CancellationToken ct)
    {
        if (item.Pending is null) return (item, ToRun(item));
        await owedWork.CompleteAsync(Table, item);
        return await FindAsync(ToRun(item).Id, ct);
    }

    public async Task<DocumentPage> QueryAsync(string partition, string index, int limit, string? continuationToken, CancellationToken ct) =>
        await documents.QueryAsync(Table, new DocumentQuery(partition)
        {
            IndexName = index, Descending = true, Limit = limit, ContinuationToken = continuationToken,
        }, ct);

    public static CodeGenerationRun ToRun(DocumentItem item) => DocumentJson.Deserialize<CodeGenerationRun>(item.Body);

    internal static DocumentKey Key(string id) => new($"CODEGEN#{id}", SortKey);

    private static DocumentItem ToItem(CodeGenerationRun run, long revision)
    {
        var order = run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "#" + run.Id;
        return new DocumentItem(Key(run.Id), DocumentJson.Serialize(run), revision)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = ProjectPartition(run.ProjectId), ["gsi1sk"] = order,
                ["gsi2pk"] = CreatorPartition(run.ProjectId, run.CreatedBy), ["gsi2sk"] = order,
            },
        };
    }
}
