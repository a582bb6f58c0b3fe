using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevPlatform.Core.Common;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// A field's default is text in the field's own type. It must parse as that type, and is stored in one canonical form
/// (<c>007</c> → <c>7</c>, <c>TRUE</c> → <c>true</c>, a date-time in UTC), so generators need not parse it loosely.
/// </summary>
public static partial class SchemaDefaults
{
    /// <returns>Why <paramref name="text"/> is not a valid default, or null.</returns>
    public static string? Check(FieldType type, string? text, IReadOnlyList<string>? enumValues, int? maxLength)
    {
        if (text is null) return null;
        if (text.Length > SchemaRules.DefaultMaxLength) return $"A default must be at most {SchemaRules.DefaultMaxLength} characters.";
        if (type is FieldType.String or FieldType.Text)
        {
            if (TextRules.HasHiddenCharactersInFreeText(text)) return "The default must not contain control characters or direction overrides.";
            return type == FieldType.String && maxLength is { } max && text.Normalize().Length > max
                ? $"The default is longer than the maximum length ({max})." : null;
        }
        if (text.Trim().Length == 0) return null;
        return Canonical(type, text, enumValues) is null ? Expected(type, text, enumValues) : null;
    }

    /// <summary>The default in canonical form; null when there is none, or when it does not parse.</summary>
    public static string? Canonical(FieldType type, string? text, IReadOnlyList<string>? enumValues)
    {
        if (text is null) return null;
        // Text is kept as typed (spaces included): an empty string is a default of its own.
        if (type is FieldType.String or FieldType.Text) return text.Normalize();
        var value = text.Trim();
        if (value.Length == 0) return null;
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            FieldType.Int => int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var i) ? i.ToString(invariant) : null,
            FieldType.Long => long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var l) ? l.ToString(invariant) : null,
            FieldType.Decimal => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var d)
                ? d.ToString(invariant) : null,
            FieldType.Bool => value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true"
                : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? "false" : null,
            FieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) ? date.ToString("yyyy-MM-dd", invariant) : null,
            FieldType.DateTime => IsoDateTime().IsMatch(value) && DateTimeOffset.TryParse(value, invariant, DateTimeStyles.None, out var at)
                ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", invariant) : null,
            FieldType.Uuid => Guid.TryParseExact(value, "D", out var guid) ? guid.ToString("D") : null,
            FieldType.Enum => enumValues?.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)),
            FieldType.Json => IsJson(value) ? value : null,
            _ => null,
        };
    }

    private static string Expected(FieldType type, string text, IReadOnlyList<string>? enumValues)
    {
        var shown = text.Length <= 40 ? text : text[..40] + "…";
        return type switch
        {
            FieldType.Int => $"'{shown}' is not a whole number between {int.MinValue} and {int.MaxValue}.",
            FieldType.Long => $"'{shown}' is not a whole number between {long.MinValue} and {long.MaxValue}.",
            FieldType.Decimal => $"'{shown}' is not a decimal number such as 12.50.",
            FieldType.Bool => $"'{shown}' is not true or false.",
            FieldType.Date => $"'{shown}' is not a date written as yyyy-mm-dd.",
            FieldType.DateTime => $"'{shown}' is not a date and time written as yyyy-mm-ddThh:mm:ss with Z or an offset, such as 2024-05-01T09:30:00Z.",
            FieldType.Uuid => $"'{shown}' is not a uuid such as 0b9e4c2a-5f1d-4d8e-9a55-3c2f1e7d6b10.",
            FieldType.Enum => enumValues is { Count: > 0 } ? $"'{shown}' is not one of the values ({string.Join(", ", enumValues)})." : $"'{shown}' is not one of the values.",
            FieldType.Json => $"The default is not valid JSON.",
            _ => $"'{shown}' is not a valid default.",
        };
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoDateTime();
}
