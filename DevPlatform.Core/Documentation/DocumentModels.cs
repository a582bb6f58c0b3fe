namespace DevPlatform.Core.Documentation;

public enum DocumentKind { Page, Folder }

/// <summary>
/// A page or folder of a project's documentation, as it is now. <see cref="Version"/> moves on every change (the
/// optimistic-concurrency token); <see cref="Revision"/> is the number of the page's latest saved version.
/// </summary>
public sealed record Document(
    string Id,
    string ProjectId,
    string TeamId,
    string? ParentId,
    DocumentKind Kind,
    string Title,
    string Content,
    long Version,
    long Revision,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    /// <summary>The id of the version item <see cref="Revision"/> points at (see DocumentVersion.SaveId).</summary>
    public string? RevisionSaveId { get; init; }
}

/// <summary>What a user types when creating a page or folder.</summary>
public sealed record DocumentInput(string? Title, string? Content, string? ParentId = null, DocumentKind Kind = DocumentKind.Page);

/// <summary>
/// One immutable saved version of a page. <see cref="SaveId"/> tells the version apart from a save that lost its race
/// (or died) with the same number; <see cref="PreviousSaveId"/> chains the history, so only versions the page really
/// went through are listed.
/// </summary>
public sealed record DocumentVersion(
    string DocumentId,
    long Number,
    string SaveId,
    string? PreviousSaveId,
    string Title,
    string Content,
    string AuthorId,
    string AuthorName,
    DateTimeOffset At,
    string? Message);

/// <summary>A version in the history list (without its content).</summary>
public sealed record DocumentVersionSummary(long Number, string Title, string AuthorId, string AuthorName, DateTimeOffset At, string? Message, int Length);

/// <summary>A node of a project's documentation tree: folders first, then pages, each by title.</summary>
public sealed record DocumentTreeNode(string Id, string? ParentId, DocumentKind Kind, string Title, long Version, DateTimeOffset UpdatedAt,
    IReadOnlyList<DocumentTreeNode> Children);

/// <summary>A page that matched a search, with the number of matching terms in title and text and a snippet of text around the first hit.</summary>
/// <param name="Snippet">Plain text (not HTML); <see cref="Highlights"/> are the ranges of it that matched.</param>
public sealed record DocumentSearchHit(string Id, string Title, DocumentKind Kind, double Score, string Snippet, IReadOnlyList<TextRange> Highlights,
    IReadOnlyList<TextRange> TitleHighlights);

public sealed record TextRange(int Start, int Length);

/// <summary>A file attached to a page, stored under documentation/{projectId}/{documentId}/{FileName}.</summary>
public sealed record Attachment(
    string Id,
    string DocumentId,
    string ProjectId,
    string FileName,
    string ContentType,
    long Length,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    string UploadedByName)
{
    /// <summary>The object's key in the Blobs port.</summary>
    public required string Key { get; init; }
}
