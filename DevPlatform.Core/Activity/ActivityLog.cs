using System.Globalization;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;

namespace DevPlatform.Core.Activity;

/// <summary>Writes activity records, publishes them for live screens (and critical ones for alerting), and lists them.</summary>
public sealed class ActivityLog(IDocumentStore documents, INotificationBus notifications, AccessControl access, TimeProvider time)
{
    public const string Table = "activity";
    public const string ByTarget = "by-target";
    public const string ByActor = "by-actor";

    public static readonly TableDefinition TableDefinition = new(Table,
        new IndexDefinition(ByTarget, "gsi1pk", "gsi1sk"),
        new IndexDefinition(ByActor, "gsi2pk", "gsi2sk"));

    /// <summary>Records a single-step action now.</summary>
    public async Task<ActivityRecord> RecordAsync(Actor actor, string teamId, string action, string targetType, string targetId,
        string targetName, string? before, string? after, CancellationToken ct = default)
    {
        var record = Prepare(actor, teamId, action, targetType, targetId, targetName, before, after);
        await WriteAsync(record, ct);
        return record;
    }

    /// <summary>The record of an action, with its id and time fixed, for a multi-step write to owe until it is written.</summary>
    public ActivityRecord Prepare(Actor actor, string teamId, string action, string targetType, string targetId,
        string targetName, string? before, string? after) =>
        new(Ids.New("act"), teamId, actor.UserId, actor.DisplayName, action, targetType, targetId, targetName, time.GetUtcNow(), before, after);

    /// <summary>
    /// Stores the record unless it is stored already, then publishes it (for live screens, and critical ones for
    /// alerting). Safe to run again after a crash: the record is kept once, the publish is at least once.
    /// </summary>
    public async Task WriteAsync(ActivityRecord record, CancellationToken ct = default)
    {
        var sortKey = SortKey(record);
        try
        {
            await documents.PutAsync(Table, new DocumentItem(new DocumentKey($"TEAM#{record.TeamId}", sortKey), DocumentJson.Serialize(record), 1)
            {
                IndexKeys = new Dictionary<string, string>
                {
                    ["gsi1pk"] = $"TARGET#{record.TargetType}#{record.TargetId}", ["gsi1sk"] = sortKey,
                    ["gsi2pk"] = $"USER#{record.ActorId}", ["gsi2sk"] = sortKey,
                },
            }, WriteCondition.IfAbsent, ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // Written by an earlier run of the same owed work; publishing again is what may still be missing.
        }
        var payload = DocumentJson.Serialize(record);
        var attributes = new Dictionary<string, string> { ["teamId"] = record.TeamId, ["targetType"] = record.TargetType };
        await notifications.PublishAsync(new Notification(Topics.Activity, record.Action, payload) { Attributes = attributes }, ct);
        if (record.IsCritical)
            await notifications.PublishAsync(new Notification(Topics.CriticalActivity, record.Action, payload) { Attributes = attributes }, ct);
    }

    /// <summary>The team's activity, newest first.</summary>
    public async Task<(IReadOnlyList<ActivityRecord> Items, string? ContinuationToken)> ListForTeamAsync(
        Actor actor, string teamId, int limit, string? continuationToken, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.Read, "No such team.", ct);
        var page = await documents.QueryAsync(Table, new DocumentQuery($"TEAM#{teamId}")
        {
            Descending = true, Limit = limit, ContinuationToken = continuationToken,
        }, ct);
        return (page.Items.Select(i => DocumentJson.Deserialize<ActivityRecord>(i.Body)).ToList(), page.ContinuationToken);
    }

    /// <summary>The activity on one target (a project, say), newest first; the caller has checked access to the target.</summary>
    public async Task<IReadOnlyList<ActivityRecord>> ListForTargetAsync(string targetType, string targetId, int limit, CancellationToken ct = default)
    {
        var page = await documents.QueryAsync(Table, new DocumentQuery($"TARGET#{targetType}#{targetId}")
        {
            IndexName = ByTarget, Descending = true, Limit = limit,
        }, ct);
        return page.Items.Select(i => DocumentJson.Deserialize<ActivityRecord>(i.Body)).ToList();
    }

    private static string SortKey(ActivityRecord record) =>
        record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "#" + record.Id;
}
