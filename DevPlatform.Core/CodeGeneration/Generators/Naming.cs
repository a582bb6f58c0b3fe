using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>
/// How schema names become names in each target. Schema names are identifiers already (the schema's rules refuse
/// others and the target languages' reserved words); these only change case and, as a second line of defence, escape.
/// </summary>
internal static class Naming
{
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>"OrderLine" → "order_line", "line1" → "line1", "customerId" → "customer_id", "HTTPCode" → "http_code".</summary>
    public static string Snake(string name) => Separated(name, '_');

    /// <summary>"OrderLine" → "order-line".</summary>
    public static string Kebab(string name) => Separated(name, '-');

    /// <summary>
    /// An English plural good enough for route names ("Category" → "categories", "Address" → "addresses"); a schema
    /// that names entities in another language still gets a valid, if odd, route.
    /// </summary>
    public static string Plural(string word)
    {
        if (word.Length == 0) return word;
        if (word.EndsWith('y') && word.Length > 1 && !"aeiou".Contains(char.ToLowerInvariant(word[^2]))) return word[..^1] + "ies";
        if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal)
            || word.EndsWith("sh", StringComparison.Ordinal)) return word + "es";
        return word + "s";
    }

    /// <summary>The undoing of <see cref="Plural"/> for relation names: "tags" → "tag", "categories" → "category", "boxes" → "box".</summary>
    public static string Singular(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 3) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)) return word[..^2];
        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 1 ? word[..^1] : word;
    }

    /// <summary>The route segment of an entity's collection: "OrderLine" → "order-lines".</summary>
    public static string Route(string entity) => Plural(Kebab(entity));

    /// <summary>A valid C# namespace part from a free-text schema name ("my shop" → "MyShop"); "Generated" when nothing is left.</summary>
    public static string Namespace(string name)
    {
        var text = new StringBuilder();
        var upper = true;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else upper = true;
        }
        var result = text.ToString();
        return result.Length == 0 || char.IsDigit(result[0]) ? "Generated" + result : result;
    }

    /// <summary>A C# string literal.</summary>
    public static string CSharpString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c > 126 => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>A TypeScript (and JSON) string literal.</summary>
    public static string ScriptString(string value) => JsonSerializer.Serialize(value);

    /// <summary>A SQL string literal (standard quoting, the same in PostgreSQL and SQLite).</summary>
    public static string SqlString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted SQL identifier: "order" is a reserved word in both dialects, so every name is quoted.</summary>
    public static string SqlName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A C# local or parameter name, escaped with @ when it is a keyword.</summary>
    public static string CSharpLocal(string name) => CSharpKeywords.Contains(Camel(name)) ? "@" + Camel(name) : Camel(name);

    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static string Separated(string name, char separator)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousLower || acronymEnd) text.Append(separator);
                text.Append(char.ToLowerInvariant(c));
            }
            else text.Append(c == '_' || c == '-' ? separator : c);
        }
        return text.ToString();
    }
}
