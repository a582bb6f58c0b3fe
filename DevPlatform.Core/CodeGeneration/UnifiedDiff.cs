using System.Text;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>
/// A unified diff of two texts by lines (longest common subsequence, three lines of context per hunk), as `diff -u`
/// prints it. Generated files are small; past <see cref="MaxLines"/> lines on either side only a note is given.
/// </summary>
public static class UnifiedDiff
{
    public const int MaxLines = 4000;
    private const int Context = 3;

    public static string Of(string oldText, string newText, string oldName, string newName)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        if (a.Length > MaxLines || b.Length > MaxLines) return $"--- {oldName}\n+++ {newName}\n(too long to compare here: {a.Length} and {b.Length} lines)\n";
        var edits = Edits(a, b);
        var text = new StringBuilder($"--- {oldName}\n+++ {newName}\n");
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }
            var start = Math.Max(0, i - Context);
            var end = i;
            // A hunk runs on while changes are less than two contexts apart.
            for (var j = i; j < edits.Count; j++)
            {
                if (edits[j].Kind != ' ') end = j;
                else if (j - end > 2 * Context) break;
            }
            end = Math.Min(edits.Count - 1, end + Context);
            var hunk = edits.Skip(start).Take(end - start + 1).ToList();
            var oldStart = hunk.FirstOrDefault(e => e.Kind != '+').OldLine;
            var newStart = hunk.FirstOrDefault(e => e.Kind != '-').NewLine;
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            text.Append($"@@ -{(oldCount == 0 ? oldStart : oldStart + 1)},{oldCount} +{(newCount == 0 ? newStart : newStart + 1)},{newCount} @@\n");
            foreach (var edit in hunk) text.Append(edit.Kind).Append(edit.Text).Append('\n');
            i = end + 1;
        }
        return text.ToString();
    }

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static List<Edit> Edits(string[] a, string[] b)
    {
        // Common prefix and suffix first: most changes between runs are small, which keeps the table small.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var lengths = new int[n + 1, m + 1];
        for (var x = n - 1; x >= 0; x--)
        for (var y = m - 1; y >= 0; y--)
            lengths[x, y] = a[prefix + x] == b[prefix + y] ? lengths[x + 1, y + 1] + 1 : Math.Max(lengths[x + 1, y], lengths[x, y + 1]);
        var edits = new List<Edit>();
        for (var k = 0; k < prefix; k++) edits.Add(new Edit(' ', a[k], k, k));
        int p = 0, q = 0;
        while (p < n || q < m)
        {
            if (p < n && q < m && a[prefix + p] == b[prefix + q])
            {
                edits.Add(new Edit(' ', a[prefix + p], prefix + p, prefix + q));
                p++;
                q++;
            }
            else if (p < n && (q == m || lengths[p + 1, q] >= lengths[p, q + 1]))
            {
                edits.Add(new Edit('-', a[prefix + p], prefix + p, prefix + q));
                p++;
            }
            else
            {
                edits.Add(new Edit('+', b[prefix + q], prefix + p, prefix + q));
                q++;
            }
        }
        for (var k = 0; k < suffix; k++) edits.Add(new Edit(' ', a[a.Length - suffix + k], a.Length - suffix + k, b.Length - suffix + k));
        return edits;
    }
}
