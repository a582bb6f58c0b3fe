using System.Text;
using DevPlatform.Core.Common;

namespace DevPlatform.Core.Documentation;

/// <summary>The limits of titles, text and messages, shared by the service, the API and the editor.</summary>
public static class DocumentRules
{
    public const int TitleMaxLength = 200;

    /// <summary>
    /// About 25 printed pages. The page item and each version item hold the text once; at this size even text that
    /// JSON escapes heavily stays well inside DynamoDB's 400 KB per item.
    /// </summary>
    public const int ContentMaxLength = 50_000;

    public const int MessageMaxLength = 500;

    public const int MaxSearchLength = 200;

    public static string Title(string? title)
    {
        var value = TextRules.Normalize(title);
        if (value.Length == 0) throw new ValidationFailedException("title", "Title is required.");
        if (value.Length > TitleMaxLength) throw new ValidationFailedException("title", $"Title must be at most {TitleMaxLength} characters.");
        if (TextRules.HasHiddenCharacters(value))
            throw new ValidationFailedException("title", "Title must not contain control, invisible or direction-changing characters.");
        return value;
    }

    /// <summary>Markdown is kept as typed (only line ends are unified): leading spaces and trailing blank lines can matter.</summary>
    public static string Content(string? content)
    {
        var value = (content ?? "").Replace("\r\n", "\n").Normalize(NormalizationForm.FormC);
        if (value.Length > ContentMaxLength)
            throw new ValidationFailedException("content", $"Content must be at most {ContentMaxLength:N0} characters (it has {value.Length:N0}).");
        if (TextRules.HasHiddenCharactersInFreeText(value))
            throw new ValidationFailedException("content", "Content must not contain control characters or direction overrides.");
        return value;
    }

    public static string? Message(string? message)
    {
        var value = TextRules.Normalize(message);
        if (value.Length == 0) return null;
        if (value.Length > MessageMaxLength) throw new ValidationFailedException("message", $"Message must be at most {MessageMaxLength} characters.");
        if (TextRules.HasHiddenCharactersInFreeText(value))
            throw new ValidationFailedException("message", "Message must not contain control characters or direction overrides.");
        return value;
    }

    /// <summary>The tree's sort key: folders before pages, then by title ignoring case, the id keeping equal titles apart.</summary>
    public static string TreeSortKey(DocumentKind kind, string title, string id) =>
        $"{(kind == DocumentKind.Folder ? 0 : 1)}#{title.ToLowerInvariant()}#{id}";
}
