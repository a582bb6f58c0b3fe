namespace DevPlatform.Core.Architecture;

/// <summary>The overall shape of a system, as the team describes it.</summary>
public enum ArchitectureStyle { Layered, Microservices, EventDriven, Hexagonal, Serverless, Monolith, Other }

/// <summary>What a box in the component diagram is.</summary>
public enum ComponentKind { Service, Frontend, Function, Database, Cache, Queue, Storage, External, Other }

/// <summary>One part of the system; its name is unique within the architecture (ignoring case).</summary>
public sealed record ArchitectureComponent(string Name, ComponentKind Kind, string Technology);

/// <summary>A directed link between two components, named by their names; at most one per ordered pair.</summary>
public sealed record ArchitectureConnection(string From, string To, string Label, string Protocol);

/// <summary>What a version of an architecture says: everything a user edits.</summary>
public sealed record ArchitectureContent(
    string Name,
    string Description,
    ArchitectureStyle Style,
    IReadOnlyList<ArchitectureComponent> Components,
    IReadOnlyList<ArchitectureConnection> Connections);

/// <summary>
/// An architecture as it is now: the latest version's content, the uploaded diagram image (not versioned) and who
/// changed it last. <see cref="Version"/> is the number of the latest named version.
/// </summary>
public sealed record ArchitectureDesign(
    string Id,
    string ProjectId,
    string TeamId,
    string Name,
    string Description,
    ArchitectureStyle Style,
    IReadOnlyList<ArchitectureComponent> Components,
    IReadOnlyList<ArchitectureConnection> Connections,
    long Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DiagramImage? Diagram)
{
    public ArchitectureContent Content => new(Name, Description, Style, Components, Connections);
}

/// <summary>The uploaded diagram image: where it is stored and what it is.</summary>
public sealed record DiagramImage(string Key, string ContentType, long Length, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>One saved, immutable version of an architecture.</summary>
public sealed record ArchitectureVersion(
    string ArchitectureId,
    long Number,
    ArchitectureContent Content,
    string AuthorId,
    string AuthorName,
    DateTimeOffset At,
    string Message);

/// <summary>A version in the history list, without its content.</summary>
public sealed record ArchitectureVersionSummary(long Number, string AuthorId, string AuthorName, DateTimeOffset At, string Message,
    int ComponentCount, int ConnectionCount);

/// <summary>An architecture in a project's list.</summary>
public sealed record ArchitectureSummary(string Id, string ProjectId, string Name, string Description, ArchitectureStyle Style,
    long Version, int ComponentCount, int ConnectionCount, bool HasDiagram, DateTimeOffset UpdatedAt);

public sealed record ArchitectureListPage(IReadOnlyList<ArchitectureSummary> Items, string? ContinuationToken);

public sealed record ArchitectureVersionPage(IReadOnlyList<ArchitectureVersionSummary> Items, string? ContinuationToken);

/// <summary>What a user sends; <see cref="ArchitectureRules"/> checks it. On an update, a null field keeps its current value.</summary>
public sealed record ArchitectureInput(
    string? Name,
    string? Description,
    ArchitectureStyle? Style = null,
    IReadOnlyList<ComponentInput>? Components = null,
    IReadOnlyList<ConnectionInput>? Connections = null);

/// <summary>A component as sent; a missing kind is a service.</summary>
public sealed record ComponentInput(string? Name, ComponentKind? Kind = null, string? Technology = null);

public sealed record ConnectionInput(string? From, string? To, string? Label = null, string? Protocol = null);
