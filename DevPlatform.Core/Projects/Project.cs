namespace DevPlatform.Core.Projects;

public sealed record Project(
    string Id,
    string TeamId,
    string Name,
    string Description,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy);

/// <summary>What a user may set on a project; <see cref="ProjectRules"/> checks it.</summary>
public sealed record ProjectInput(string? Name, string? Description);

/// <summary>One page of a team's projects in name order.</summary>
/// <param name="TotalInTeam">All projects of the team, whatever the search.</param>
public sealed record ProjectPage(IReadOnlyList<Project> Items, string? ContinuationToken, long TotalInTeam);

public sealed record ProjectListQuery
{
    /// <summary>Matches names that start with this text, ignoring case.</summary>
    public string? Search { get; init; }
    public bool Descending { get; init; }
    public int PageSize { get; init; } = 20;
    public string? ContinuationToken { get; init; }
}
