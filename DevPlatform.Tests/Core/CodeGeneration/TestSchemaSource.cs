using System.Collections.Concurrent;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Tests.Core.CodeGeneration;

/// <summary>
/// An in-memory fake of the schema area's port, so the code-generation tests control which versions exist (and can make
/// one vanish). Access is checked through ProjectService, as the real service does.
/// </summary>
public sealed class TestSchemaSource(Func<ProjectService> projects) : ISchemaSource
{
    private readonly ConcurrentDictionary<(string, long), SchemaSnapshot> _versions = new();

    public string Add(string projectId, string teamId, string name, params SchemaDefinition[] versions)
    {
        var id = Ids.New("sch");
        for (var i = 0; i < versions.Length; i++) _versions[(id, i + 1)] = new SchemaSnapshot(id, projectId, teamId, name, i + 1, versions[i]);
        return id;
    }

    public void Remove(string schemaId)
    {
        foreach (var key in _versions.Keys.Where(k => k.Item1 == schemaId)) _versions.TryRemove(key, out _);
    }

    public void Put(SchemaSnapshot snapshot) => _versions[(snapshot.SchemaId, snapshot.Version)] = snapshot;

    public async Task<SchemaSnapshot> GetAsync(Actor actor, string schemaId, long? version, CancellationToken ct = default)
    {
        var versions = _versions.Values.Where(v => v.SchemaId == schemaId).ToList();
        var found = version is null ? versions.MaxBy(v => v.Version) : versions.FirstOrDefault(v => v.Version == version);
        if (found is null) throw new NotFoundException("No such schema.");
        await projects().RequireAsync(actor, found.ProjectId, TeamPermission.Read, ct);
        return found;
    }

    public Task<SchemaSnapshot?> FindVersionAsync(string schemaId, long version, CancellationToken ct = default) =>
        Task.FromResult(_versions.GetValueOrDefault((schemaId, version)));
}
