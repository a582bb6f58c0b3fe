using DevPlatform.Core.Identity;

namespace DevPlatform.Core.Schemas;

/// <summary>One saved version of a schema, as code generation reads it.</summary>
public sealed record SchemaSnapshot(string SchemaId, string ProjectId, string TeamId, string Name, long Version, SchemaDefinition Definition);

/// <summary>What code generation reads from the schema area (implemented by the schema service).</summary>
public interface ISchemaSource
{
    /// <summary>A version (the latest when <paramref name="version"/> is null) the actor may read.</summary>
    /// <exception cref="Common.NotFoundException">Unknown schema or version, or one of a team the actor is not in.</exception>
    Task<SchemaSnapshot> GetAsync(Actor actor, string schemaId, long? version, CancellationToken ct = default);

    /// <summary>
    /// A version by number with no access check, for the code-generation worker, which runs for a job whose access was
    /// checked when it was queued. Versions never change once saved, so this is safe to cache. Null when gone (the
    /// schema or its project was deleted since).
    /// </summary>
    Task<SchemaSnapshot?> FindVersionAsync(string schemaId, long version, CancellationToken ct = default);
}
