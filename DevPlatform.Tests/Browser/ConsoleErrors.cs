using Microsoft.Playwright;

namespace DevPlatform.Tests.Browser;

/// <summary>What a page wrote to the browser console as errors (failed requests, such as a missing favicon, included) and its uncaught exceptions.</summary>
public sealed class ConsoleErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_errors) return _errors.ToList();
        }
    }

    /// <summary>Listens to <paramref name="page"/> from now on.</summary>
    public IPage Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => Add($"{page.Url}: uncaught {error}");
        return page;
    }

    public void AssertNone() => Assert.True(All.Count == 0, "Console errors:\n" + string.Join("\n", All));

    private void Add(string error)
    {
        lock (_errors) _errors.Add(error);
    }
}
