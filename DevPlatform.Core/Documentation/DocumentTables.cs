using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Documentation;

/// <summary>
/// Where documentation lives (docs/data-model.md): the "documentation" table holds, under one partition per document,
/// the page itself (sk HEAD), its versions (VER#…), its attachments (ATT#…) and the file names it has used (FILE#…);
/// "doc-terms" is the search index.
/// </summary>
public static class DocumentTables
{
    public const string Table = "documentation";
    public const string TermsTable = "doc-terms";
    public const string ByProject = "by-project";
    public const string ByParent = "by-parent";
    public const string TargetType = "document";

    public static readonly TableDefinition Definition = new(Table,
        new IndexDefinition(ByProject, "gsi1pk", "gsi1sk"), new IndexDefinition(ByParent, "gsi2pk", "gsi2sk"), OwedWorkRunner.Index);

    public static readonly TableDefinition TermsDefinition = new(TermsTable);

    public static string Partition(string documentId) => $"DOC#{documentId}";

    public static DocumentKey HeadKey(string documentId) => new(Partition(documentId), "HEAD");

    public static DocumentKey VersionKey(string documentId, long number, string saveId) => new(Partition(documentId), $"{VersionPrefix(number)}{saveId}");

    /// <summary>Every save attempt of version <paramref name="number"/> starts with this (the one on the chain is the real one).</summary>
    public static string VersionPrefix(long number) => $"VER#{number:D10}#";

    public const string VersionsPrefix = "VER#";
    public const string AttachmentsPrefix = "ATT#";

    public static DocumentKey AttachmentKey(string documentId, string attachmentId) => new(Partition(documentId), $"ATT#{attachmentId}");

    /// <summary>A file name the document has used, lower-cased: claimed with a conditional create, never given back.</summary>
    public static DocumentKey FileNameKey(string documentId, string fileName) => new(Partition(documentId), $"FILE#{fileName.ToLowerInvariant()}");

    public static string ParentPartition(string projectId, string? parentId) => parentId is null ? $"ROOT#{projectId}" : $"PARENT#{parentId}";

    /// <summary>The prefix of every attachment object of a document in the Blobs port.</summary>
    public static string BlobPrefix(string projectId, string documentId) => $"documentation/{projectId}/{documentId}/";

    public static DocumentItem ToItem(Document document, long revision) =>
        new(HeadKey(document.Id), DocumentJson.Serialize(document), revision)
        {
            IndexKeys = new Dictionary<string, string>
            {
                ["gsi1pk"] = $"PROJECT#{document.ProjectId}",
                ["gsi1sk"] = DocumentRules.TreeSortKey(document.Kind, document.Title, document.Id),
                ["gsi2pk"] = ParentPartition(document.ProjectId, document.ParentId),
                ["gsi2sk"] = DocumentRules.TreeSortKey(document.Kind, document.Title, document.Id),
            },
        };

    public static Document ToDocument(DocumentItem item) => DocumentJson.Deserialize<Document>(item.Body);
}
