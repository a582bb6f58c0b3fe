using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>
/// One set of Core services per test class and backend (starting them, and on AWS creating the tables, is the slow
/// part), with the documents port wrapped so tests can make the project index lag and make chosen writes fail. Each
/// test makes people and a project of its own, so tests sharing the harness never see each other's things.
/// </summary>
public abstract class SchemaHarness(AwsEmulators? emulators) : IAsyncLifetime
{
    private int _people;

    public ServiceHarness Services { get; private set; } = null!;
    public LaggingIndexDocumentStore Index { get; private set; } = null!;
    public FaultyDocumentStore Faults { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Services = await ServiceHarness.WithDocuments(emulators, inner => Index = new LaggingIndexDocumentStore(Faults = new FaultyDocumentStore(inner))).StartAsync();

    public async Task DisposeAsync() => await Services.DisposeAsync();

    /// <summary>A new person with a personal team and a project in it.</summary>
    public async Task<(Actor Person, string TeamId, Project Project)> NewOwnerAsync(string project = "Shop")
    {
        var person = NewPerson("Ana");
        var team = (await Services.Get<TeamDirectory>().EnsureUserAsync(person)).PersonalTeamId;
        return (person, team, await Services.Get<ProjectService>().CreateAsync(person, team, new ProjectInput(project, "")));
    }

    /// <summary>A new person who is in no team but their own.</summary>
    public async Task<Actor> NewStrangerAsync()
    {
        var person = NewPerson("Bo");
        await Services.Get<TeamDirectory>().EnsureUserAsync(person);
        return person;
    }

    private Actor NewPerson(string name)
    {
        var n = Interlocked.Increment(ref _people);
        return new Actor($"{name.ToLowerInvariant()}{n}", $"{name} {n}");
    }

    public SchemaService Schemas => Services.Get<SchemaService>();
}

public sealed class SqliteSchemaHarness() : SchemaHarness(null);

public sealed class DynamoSchemaHarness(AwsEmulators emulators) : SchemaHarness(emulators);
