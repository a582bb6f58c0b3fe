namespace DevPlatform.Core.Schemas;

/// <summary>
/// Words the code generated from a schema cannot use as a name: the keywords of C# and TypeScript, and the reserved
/// words of SQL (those PostgreSQL reserves, with SQLite's own). Matched as spelled: C# and TypeScript keywords are
/// lower-case and case-sensitive, so <c>Order</c> and <c>Class</c> are ordinary names there, and the SQL generator
/// quotes every identifier; what is refused is a name that is the keyword itself, such as a field <c>order</c> or
/// <c>class</c>, which breaks hand-written queries and code that uses the name as written.
/// </summary>
public static class ReservedWords
{
    public static readonly IReadOnlySet<string> CSharp = Words("""
        abstract as base bool break byte case catch char checked class const continue decimal default delegate do double
        else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal
        is lock long namespace new null object operator out override params private protected public readonly ref return
        sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked
        unsafe ushort using virtual void volatile while
        """);

    /// <summary>ECMAScript's reserved words, strict mode's included.</summary>
    public static readonly IReadOnlySet<string> TypeScript = Words("""
        break case catch class const continue debugger default delete do else enum export extends false finally for
        function if import in instanceof new null return super switch this throw true try typeof var void while with
        implements interface let package private protected public static yield await
        """);

    /// <summary>Names TypeScript reserves for its own types: no interface may take them, though a property may.</summary>
    public static readonly IReadOnlySet<string> TypeScriptTypes = Words("any boolean never number object string symbol undefined unknown bigint");

    public static readonly IReadOnlySet<string> Sql = Words("""
        all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation
        column concurrently constraint create cross current_catalog current_date current_role current_schema current_time
        current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze
        from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like
        limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary
        references returning right select session_user similar some symmetric system_user table tablesample then to
        trailing true union unique user using variadic verbose when where window with
        autoincrement delete drop exists index insert update values
        """);

    /// <summary>
    /// The languages in which <paramref name="name"/> is reserved (as spelled) for what it names, or an empty list. An entity
    /// becomes a type and a table; a field a property and a column; a relation or an enum value only a name in code.
    /// </summary>
    public static IReadOnlyList<string> LanguagesReserving(string name, NameUse use)
    {
        var languages = new List<string>();
        if (CSharp.Contains(name)) languages.Add("C#");
        if (TypeScript.Contains(name) || (use == NameUse.Type && TypeScriptTypes.Contains(name))) languages.Add("TypeScript");
        if (use is NameUse.Type or NameUse.Column && Sql.Contains(name)) languages.Add("SQL");
        return languages;
    }

    private static HashSet<string> Words(string text) =>
        text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What a name becomes in generated code, which decides the reserved words it must avoid.</summary>
public enum NameUse
{
    /// <summary>An entity: a class, an interface and a table.</summary>
    Type,
    /// <summary>A field: a property and a column.</summary>
    Column,
    /// <summary>A relation or an enum value: a name in code only.</summary>
    Member,
}
