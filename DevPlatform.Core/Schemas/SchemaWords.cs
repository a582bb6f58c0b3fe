using System.Reflection;
using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>The words a schema's JSON uses for types and relation kinds ("datetime", "many-to-one"), for messages and screens.</summary>
public static class SchemaWords
{
    public static string Of(FieldType type) => Word(type);

    public static string Of(RelationKind kind) => Word(kind);

    /// <summary>"string, text, int, …": the accepted words, for a message.</summary>
    public static string ListOf<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Word(v)));

    private static string Word<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();
}
