using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// A schema's head item: which version is the latest and a summary of it. The content itself lives only in the version
/// items, so lists stay small however large a schema grows.
/// </summary>
public sealed record SchemaRecord(
    string Id,
    string ProjectId,
    string TeamId,
    string Name,
    long Version,
    int EntityCount,
    int FieldCount,
    int RelationCount,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string UpdatedByName);

/// <summary>One saved, immutable version: its name and entities, who saved it, when and why.</summary>
/// <param name="RestoredFrom">The version this one copies, when it was made by a restore.</param>
public sealed record SchemaVersion(
    string SchemaId,
    long Number,
    string Name,
    SchemaDefinition Definition,
    string AuthorId,
    string AuthorName,
    DateTimeOffset At,
    string Message,
    long? RestoredFrom = null);

/// <summary>
/// A version of a schema as the API and the editor show it: the entities (shaped as the create and save bodies are, so a
/// client can send them back) with <see cref="Version"/> to send as <c>baseVersion</c> when saving.
/// </summary>
/// <param name="LatestVersion">The newest version; a save must be based on it.</param>
public sealed record SchemaDocument(
    string Id,
    string ProjectId,
    string TeamId,
    string Name,
    long Version,
    long LatestVersion,
    IReadOnlyList<SchemaEntity> Entities,
    string Message,
    string AuthorId,
    string AuthorName,
    DateTimeOffset SavedAt,
    long? RestoredFrom,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    [JsonIgnore] public SchemaDefinition Definition => new(Entities);
}

/// <summary>A schema in a project's list.</summary>
public sealed record SchemaSummary(string Id, string ProjectId, string Name, long Version, int EntityCount, int FieldCount, int RelationCount,
    DateTimeOffset UpdatedAt, string UpdatedByName);

/// <summary>A version in the history, without its content.</summary>
public sealed record SchemaVersionSummary(long Number, string Name, string AuthorId, string AuthorName, DateTimeOffset At, string Message,
    long? RestoredFrom, int EntityCount, int FieldCount);

public sealed record SchemaListPage(IReadOnlyList<SchemaSummary> Items, string? ContinuationToken);

public sealed record SchemaVersionPage(IReadOnlyList<SchemaVersionSummary> Items, string? ContinuationToken);
