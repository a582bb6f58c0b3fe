using System.Globalization;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Convergence;

/// <summary>
/// The one way a multi-step write converges without transactions. The first write stores the item together with the
/// work it owes (<see cref="OwedWork"/>); the writer then runs that work and clears it. If the process dies in between,
/// the item stays listed in its table's sparse "owed" index, and the repair pass (<see cref="ConvergenceWorker"/>)
/// finishes it. Each change of the owed work is a compare-and-swap on the item's revision, so exactly one owner moves
/// it on, and a counter operation is released only after the item records that every effect has run.
/// </summary>
public sealed class OwedWorkRunner(IDocumentStore documents, ActivityLog activity, INotificationBus notifications, IServiceProvider services,
    TimeProvider time, ILogger<OwedWorkRunner> logger)
{
    // Resolved on first use: area handlers owe work themselves, so they depend on this runner.
    private IReadOnlyList<IOwedEffectHandler>? _handlers;

    public const string IndexName = "owed";
    private const string OwedPartition = "OWED";

    /// <summary>Every table whose items can owe work declares this sparse index.</summary>
    public static readonly IndexDefinition Index = new(IndexName, "owedpk", "owedsk");

    /// <summary>
    /// <paramref name="item"/> (at the revision it will be written at) as it must be written: owing <paramref name="effects"/> after whatever the item it replaces
    /// still owed, so a write never drops work another write left unfinished.
    /// </summary>
    /// <param name="notBefore">When given, the repair pass leaves the work alone until then (see <see cref="OwedWork.NotBefore"/>).</param>
    public DocumentItem Owing(DocumentItem item, DocumentItem? replaced, IReadOnlyList<OwedEffect> effects, bool removesItem = false,
        DateTimeOffset? notBefore = null)
    {
        var carried = replaced is null ? null : Read(replaced);
        var work = new OwedWork([.. carried?.Effects ?? [], .. effects], time.GetUtcNow()) { RemovesItem = removesItem, NotBefore = notBefore };
        return WithWork(item, work);
    }

    /// <summary>True when the item is the tombstone of a delete that is still finishing: to readers it does not exist.</summary>
    public static bool IsBeingRemoved(DocumentItem item) => Read(item)?.RemovesItem == true;

    /// <summary>
    /// Runs the work <paramref name="written"/> owes and clears it. Not cancellable on purpose: once the first durable
    /// write is done, the remaining steps run to the end whatever the client does. Stops quietly when another owner
    /// (the repair pass, or a later write carrying this work) has moved the item on.
    /// </summary>
    public async Task CompleteAsync(string table, DocumentItem written)
    {
        try
        {
            await RunToEndAsync(table, written);
        }
        catch (Exception e)
        {
            // The first write is durable and the work stays owed on it: the repair pass finishes it. The caller's write
            // did happen, so it is not failed for a step that will still be done.
            logger.LogError(e, "Owed work on {Table} {Key} stopped; the repair pass will complete it", table, written.Key.PartitionKey);
        }
    }

    private async Task RunToEndAsync(string table, DocumentItem written)
    {
        var ct = CancellationToken.None;
        var item = written;
        var work = Read(item);
        if (work is null) return;
        if (!work.EffectsDone)
        {
            foreach (var effect in work.Effects) await RunAsync(effect, ct);
            var counts = work.Effects.OfType<CountOnce>().ToList();
            if (counts.Count > 0)
            {
                // Recorded before any release: from here on nobody runs these counts again, so releasing them is safe.
                if (await SwapAsync(table, item, WithWork(item, work with { EffectsDone = true })) is not { } done) return;
                item = done;
                foreach (var count in counts)
                    await documents.ReleaseIncrementAsync(count.Table, new DocumentKey(count.PartitionKey, count.SortKey), count.OperationId, ct);
            }
        }
        else
        {
            foreach (var count in work.Effects.OfType<CountOnce>())
                await documents.ReleaseIncrementAsync(count.Table, new DocumentKey(count.PartitionKey, count.SortKey), count.OperationId, ct);
        }
        await FinishAsync(table, item, work.RemovesItem);
    }

    /// <summary>Completes every item of <paramref name="table"/> whose work has been owed for longer than <paramref name="grace"/>.</summary>
    /// <returns>How many items this pass completed.</returns>
    public async Task<int> RepairAsync(string table, TimeSpan grace, CancellationToken ct)
    {
        var repaired = 0;
        string? token = null;
        do
        {
            // The index may lag (DynamoDB GSIs do): each candidate is read again by key before anything is done.
            var page = await documents.QueryAsync(table, new DocumentQuery(OwedPartition) { IndexName = IndexName, Limit = 100, ContinuationToken = token }, ct);
            foreach (var candidate in page.Items)
            {
                var item = await documents.GetAsync(table, candidate.Key, ct);
                if (item is null || Read(item) is not { } work || work.Since + grace > time.GetUtcNow() || work.NotBefore > time.GetUtcNow()) continue;
                // Taking the work over is a swap too: the owner that was running it (if alive) stops at its next step.
                if (await SwapAsync(table, item, WithWork(item, work with { Since = time.GetUtcNow() })) is not { } claimed) continue;
                logger.LogWarning("Completing work left owed on {Table} {Key} since {Since}", table, item.Key.PartitionKey, work.Since);
                await CompleteAsync(table, claimed);
                repaired++;
            }
            token = page.ContinuationToken;
        } while (token is not null);
        return repaired;
    }

    private async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case CountOnce count:
                await documents.IncrementOnceAsync(count.Table, new DocumentKey(count.PartitionKey, count.SortKey), count.Delta, count.OperationId, ct);
                break;
            case RecordActivity record:
                await activity.WriteAsync(record.Record, ct);
                break;
            case PublishNotification publish:
                await notifications.PublishAsync(new Notification(publish.Topic, publish.Subject, publish.Payload) { Attributes = publish.Attributes }, ct);
                break;
            default:
                _handlers ??= services.GetServices<IOwedEffectHandler>().ToList();
                var handler = _handlers.FirstOrDefault(h => h.Handles(effect))
                    ?? throw new InvalidOperationException($"No handler for owed effect {effect.GetType().Name}.");
                await handler.RunAsync(effect, ct);
                break;
        }
    }

    private async Task FinishAsync(string table, DocumentItem item, bool removesItem)
    {
        try
        {
            if (removesItem) await documents.DeleteAsync(table, item.Key, WriteCondition.IfVersion(item.Version), CancellationToken.None);
            else await documents.PutAsync(table, WithWork(item, null) with { Version = item.Version + 1 }, WriteCondition.IfVersion(item.Version), CancellationToken.None);
        }
        catch (ConditionalWriteFailedException)
        {
            // A later write carried this work forward (it is done, so rerunning it there changes nothing) or a repair took it.
        }
    }

    private async Task<DocumentItem?> SwapAsync(string table, DocumentItem current, DocumentItem next)
    {
        try
        {
            var swapped = next with { Version = current.Version + 1 };
            await documents.PutAsync(table, swapped, WriteCondition.IfVersion(current.Version), CancellationToken.None);
            return swapped;
        }
        catch (ConditionalWriteFailedException)
        {
            return null;
        }
    }

    /// <summary>The item owing <paramref name="work"/> (and listed in the owed index), or owing nothing.</summary>
    private static DocumentItem WithWork(DocumentItem item, OwedWork? work)
    {
        var indexKeys = item.IndexKeys.Where(k => k.Key != Index.PartitionKeyAttribute && k.Key != Index.SortKeyAttribute)
            .ToDictionary(k => k.Key, k => k.Value);
        if (work is not null)
        {
            indexKeys[Index.PartitionKeyAttribute] = OwedPartition;
            indexKeys[Index.SortKeyAttribute] = work.Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
                + "#" + item.Key.PartitionKey + "#" + item.Key.SortKey;
        }
        return item with { Pending = work is null ? null : DocumentJson.Serialize(work), IndexKeys = indexKeys };
    }

    private static OwedWork? Read(DocumentItem item) => item.Pending is null ? null : DocumentJson.Deserialize<OwedWork>(item.Pending);
}
