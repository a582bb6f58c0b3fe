using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>Where the text view's JSON cannot be read, and why (line and column count from 1).</summary>
public sealed record SchemaTextError(int Line, int Column, string Message)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}

/// <summary>
/// The schema's text view: JSON in the words of the API's body (<c>{"name","entities":[{"name","fields":[…],"relations":[…],
/// "indexes":[…]}]}</c>), one field, relation or index per line, leaving out what is false or empty. Reading is as the
/// API reads a body, but forgiving of comments and trailing commas, which people leave while editing.
/// </summary>
public static class SchemaText
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // The text is shown in a text box, never as markup: no need to escape what is not ASCII.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(SchemaInput schema)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"name\": ").Append(Json(schema.Name ?? "")).Append(",\n  \"entities\": [");
        var entities = schema.Entities ?? [];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            text.Append(i == 0 ? "\n" : ",\n");
            if (entity is null) { text.Append("    null"); continue; }
            text.Append("    {\n      \"name\": ").Append(Json(entity.Name ?? ""));
            List("fields", entity.Fields, f => Line(("name", f.Name), ("type", f.Type is { } t ? SchemaWords.Of(t) : null), ("required", f.Required == true ? true : null),
                ("maxLength", f.MaxLength), ("unique", f.Unique == true ? true : null), ("default", f.Default), ("values", f.Values is { Count: > 0 } v ? v : null)));
            List("relations", entity.Relations, r => Line(("name", r.Name), ("kind", r.Kind is { } k ? SchemaWords.Of(k) : null), ("target", r.Target),
                ("required", r.Required == true ? true : null)));
            List("indexes", entity.Indexes, x => Line(("name", x.Name), ("fields", x.Fields ?? []), ("unique", x.Unique == true ? true : null)));
            text.Append("\n    }");
        }
        text.Append(entities.Count == 0 ? "]\n}" : "\n  ]\n}");
        return text.ToString();

        void List<T>(string key, IReadOnlyList<T?>? items, Func<T, string> line) where T : class
        {
            if (items is not { Count: > 0 } && key != "fields") return;
            text.Append(",\n      \"").Append(key).Append("\": [");
            for (var i = 0; i < (items?.Count ?? 0); i++)
                text.Append(i == 0 ? "\n        " : ",\n        ").Append(items![i] is { } item ? line(item) : "null");
            text.Append(items is { Count: > 0 } ? "\n      ]" : "]");
        }
    }

    /// <summary>The schema the text holds, or where and why it cannot be read.</summary>
    public static (SchemaInput? Schema, SchemaTextError? Error) Read(string text)
    {
        try
        {
            var schema = JsonSerializer.Deserialize<SchemaInput>(text, ReadOptions);
            return schema is null ? (null, new SchemaTextError(1, 1, "The text must be a JSON object: {\"name\": …, \"entities\": […]}.")) : (schema, null);
        }
        catch (JsonException e)
        {
            var (line, column) = ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            return (null, new SchemaTextError(line, column, e.InnerException is JsonException reader ? Plain(reader.Message) : WrongValue(e.Path)));
        }
    }

    private static string Line(params (string Key, object? Value)[] parts) =>
        "{ " + string.Join(", ", parts.Where(p => p.Value is not null).Select(p => $"\"{p.Key}\": {Json(p.Value)}")) + " }";

    private static string Json(object? value) => JsonSerializer.Serialize(value, WriteOptions);

    /// <summary>The reader's message without the path and position it appends (they are shown as line and column).</summary>
    private static string Plain(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var plain = cut >= 0 ? message[..cut] : message;
        cut = plain.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? plain[..cut] : plain).TrimEnd('|', ' ');
    }

    private static string WrongValue(string? path)
    {
        var where = string.IsNullOrEmpty(path) || path == "$" ? "The text" : path.TrimStart('$', '.');
        var last = where[(where.LastIndexOfAny(['.', ']']) + 1)..];
        return last switch
        {
            "type" => $"{where} must be one of {SchemaWords.ListOf<FieldType>()}.",
            "kind" => $"{where} must be one of {SchemaWords.ListOf<RelationKind>()}.",
            "required" or "unique" => $"{where} must be true or false.",
            "maxLength" => $"{where} must be a whole number.",
            "default" => $"{where} must be a string, a number, true or false.",
            "name" or "target" => $"{where} must be a string.",
            "entities" or "fields" or "relations" or "indexes" or "values" => $"{where} must be a list in [ ].",
            _ => $"{where} has the wrong kind of value.",
        };
    }
}
