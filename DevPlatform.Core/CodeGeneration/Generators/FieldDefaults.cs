using System.Globalization;
using System.Text.Json;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators;

/// <summary>
/// A field's default, read from its text into its own type once, so every target writes the same value and a default
/// that is not of its type stops the run with a reason instead of generating code that does not compile.
/// </summary>
internal static class FieldDefaults
{
    /// <summary>The default as a value: string, long, decimal, bool, DateOnly, DateTimeOffset, Guid or a JsonElement; null when none.</summary>
    /// <exception cref="CodeGenerationException">The text is not a value of the field's type.</exception>
    public static object? Of(string entity, SchemaField field)
    {
        if (field.Default is not { } typed) return null;
        // The schema stores defaults in one canonical form (SchemaDefaults); a blank default of a non-text type is none.
        if (field.Type is not (FieldType.String or FieldType.Text) && typed.Trim().Length == 0) return null;
        var text = SchemaDefaults.Canonical(field.Type, typed, field.Values) ?? typed;
        var invariant = CultureInfo.InvariantCulture;
        object? value = field.Type switch
        {
            FieldType.String or FieldType.Text => text,
            FieldType.Enum => field.Values?.Contains(text) == true ? text : null,
            FieldType.Int => int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var i) ? (long)i : null,
            FieldType.Long => long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var l) ? l : null,
            FieldType.Decimal => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var d) ? d : null,
            FieldType.Bool => text switch { "true" => true, "false" => false, _ => null },
            FieldType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) ? date : null,
            FieldType.DateTime => DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null,
            FieldType.Uuid => Guid.TryParse(text, out var g) ? g : null,
            FieldType.Json => ParseJson(text),
            _ => null,
        };
        return value ?? throw new CodeGenerationException(
            $"{entity}.{field.Name}: the default '{typed}' is not a valid {field.Type.ToString().ToLowerInvariant()}"
            + (field.Type == FieldType.Enum ? " value of the enum." : "."));
    }

    /// <summary>The value as JSON text: what the OpenAPI document and the TypeScript comments show.</summary>
    public static string Json(object value) => value switch
    {
        JsonElement json => json.GetRawText(),
        DateOnly date => JsonSerializer.Serialize(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset at => JsonSerializer.Serialize(Iso(at)),
        _ => JsonSerializer.Serialize(value),
    };

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static JsonElement? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
