namespace DevPlatform.Web.Components.Shared;

/// <summary>
/// Previous/next paging over continuation tokens, which is what DynamoDB queries give: the tokens of the pages
/// already seen are kept, so "previous" goes back exactly, and a new search or sort starts again at page one.
/// </summary>
public sealed class CursorPager
{
    private readonly List<string?> _pageTokens = [null];

    public int PageIndex { get; private set; }
    public string? CurrentToken => _pageTokens[PageIndex];
    public bool HasPrevious => PageIndex > 0;
    public bool HasNext => _pageTokens.Count > PageIndex + 1;

    /// <summary>The start token of every page seen so far (null for the first), to carry the pager over with <see cref="Restore"/>.</summary>
    public IReadOnlyList<string?> PageTokens => _pageTokens;

    /// <summary>Record what the current page's query said about the page after it.</summary>
    public void OnPageLoaded(string? nextToken)
    {
        _pageTokens.RemoveRange(PageIndex + 1, _pageTokens.Count - PageIndex - 1);
        if (nextToken is not null) _pageTokens.Add(nextToken);
    }

    public void Next()
    {
        if (HasNext) PageIndex++;
    }

    public void Previous()
    {
        if (HasPrevious) PageIndex--;
    }

    /// <summary>Takes over the pages another pager had seen, and its position.</summary>
    public void Restore(IReadOnlyList<string?> pageTokens, int pageIndex)
    {
        if (pageTokens.Count == 0 || pageTokens[0] is not null || pageIndex < 0 || pageIndex >= pageTokens.Count)
            throw new ArgumentException("Page tokens start with null (the first page) and include the current page.", nameof(pageTokens));
        _pageTokens.Clear();
        _pageTokens.AddRange(pageTokens);
        PageIndex = pageIndex;
    }

    public void Reset()
    {
        _pageTokens.RemoveRange(1, _pageTokens.Count - 1);
        PageIndex = 0;
    }
}
