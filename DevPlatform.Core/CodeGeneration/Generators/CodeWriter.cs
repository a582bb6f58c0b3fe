using System.Text;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>
/// Writes indented source text line by line: the emitters' only tool instead of a template engine. Lines always end in
/// '\n' whatever the platform, so the same schema gives the same bytes everywhere.
/// </summary>
internal sealed class CodeWriter(string indentUnit = "    ")
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) for (var i = 0; i < _depth; i++) _text.Append(indentUnit);
        _text.Append(line).Append('\n');
        return this;
    }

    public CodeWriter Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines) Line(line);
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, then <paramref name="open"/>, indents the body until disposed, then <paramref name="close"/>.</summary>
    public IDisposable Block(string header, string open = "{", string close = "}")
    {
        if (header.Length > 0) Line(header);
        Line(open);
        _depth++;
        return new Closer(this, close);
    }

    public void Indent() => _depth++;

    public void Outdent() => _depth--;

    public override string ToString() => _text.ToString();

    private sealed class Closer(CodeWriter writer, string close) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(close);
        }
    }
}
