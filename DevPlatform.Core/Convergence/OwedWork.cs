using System.Text.Json.Serialization;
using DevPlatform.Core.Activity;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Core.Convergence;

/// <summary>
/// What a multi-step write still owes after its first durable write, stored on the item that write made. Every effect is
/// idempotent, so whoever completes the work (the writer, or the repair pass after a crash) may run it again safely.
/// </summary>
/// <param name="Effects">Run in order; each may run more than once.</param>
/// <param name="Since">When the current owner took the work on; the repair pass takes over work older than its grace.</param>
public sealed record OwedWork(IReadOnlyList<OwedEffect> Effects, DateTimeOffset Since)
{
    /// <summary>Every effect has run; what remains is releasing counter operations (and removing the item).</summary>
    public bool EffectsDone { get; init; }

    /// <summary>The item is a tombstone of a delete: it is removed once the work is done, and reads treat it as gone.</summary>
    public bool RemovesItem { get; init; }

    /// <summary>
    /// The repair pass leaves the work alone until then, whatever its grace: an upload claim waits for the longest an
    /// upload may take before deciding its object is an orphan.
    /// </summary>
    public DateTimeOffset? NotBefore { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CountOnce), "count")]
[JsonDerivedType(typeof(RecordActivity), "activity")]
[JsonDerivedType(typeof(PublishNotification), "publish")]
[JsonDerivedType(typeof(SyncMember), "sync-member")]
[JsonDerivedType(typeof(JoinTeam), "join-team")]
[JsonDerivedType(typeof(StoreArchitectureVersion), "architecture-version")]
[JsonDerivedType(typeof(DeleteArchitectureVersions), "architecture-versions-delete")]
[JsonDerivedType(typeof(DeleteArchitecturesOfProject), "project-architectures-delete")]
[JsonDerivedType(typeof(DeleteBlob), "delete-blob")]
[JsonDerivedType(typeof(DeleteBlobsUnder), "delete-blobs-under")]
[JsonDerivedType(typeof(DiscardUpload), "discard-upload")]
[JsonDerivedType(typeof(RefreshMemberProfile), "refresh-member-profile")]
[JsonDerivedType(typeof(IndexDocument), "index-document")]
[JsonDerivedType(typeof(PurgeDocument), "purge-document")]
[JsonDerivedType(typeof(ReleaseFileName), "release-file-name")]
[JsonDerivedType(typeof(DeleteDocumentationOfProject), "project-documentation-delete")]
[JsonDerivedType(typeof(SyncEmailSubscriptions), "sync-email-subscriptions")]
[JsonDerivedType(typeof(StoreSchemaVersion), "schema-version")]
[JsonDerivedType(typeof(DeleteSchemaVersions), "schema-versions-delete")]
[JsonDerivedType(typeof(DeleteSchemasOfProject), "project-schemas-delete")]
[JsonDerivedType(typeof(DispatchCodeGeneration), "code-generation-dispatch")]
[JsonDerivedType(typeof(DeleteCodeGenerationsOfProject), "project-code-generations-delete")]
public abstract record OwedEffect;

/// <summary>Adds <paramref name="Delta"/> to a counter once per <paramref name="OperationId"/> (see IDocumentStore.IncrementOnceAsync).</summary>
public sealed record CountOnce(string Table, string PartitionKey, string SortKey, long Delta, string OperationId) : OwedEffect;

/// <summary>Stores the activity record (its id and time fixed in advance) if absent, and publishes it.</summary>
public sealed record RecordActivity(ActivityRecord Record) : OwedEffect;

/// <summary>Publishes a notification (at least once). Never carries a secret: owed work is stored until it is done.</summary>
public sealed record PublishNotification(string Topic, string Subject, string Payload, IReadOnlyDictionary<string, string> Attributes) : OwedEffect;

/// <summary>Runs effects that belong to an area (teams, say) rather than to the convergence mechanism itself.</summary>
public interface IOwedEffectHandler
{
    bool Handles(OwedEffect effect);

    /// <summary>Must be idempotent: it may run again after a crash, or after a later write already ran it.</summary>
    Task RunAsync(OwedEffect effect, CancellationToken ct);
}
