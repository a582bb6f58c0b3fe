using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>
/// An unreadable JSON body in the API's words: where the JSON is broken, or which field has the wrong kind of value.
/// The serializer's message names .NET types ("could not be converted to System.Int64"), so only its position and
/// JSON path are used.
/// </summary>
internal static partial class JsonBodyProblems
{
    public static ProblemDetails Missing(Type bodyType) => new()
    {
        Status = StatusCodes.Status400BadRequest, Title = "The request body is required.",
        Detail = $"Send {ApiValueWords.Describe(bodyType)} with Content-Type: application/json.",
    };

    public static ProblemDetails For(JsonException e, Type bodyType)
    {
        // The reader's own exception inside means the text is not JSON at all; without it the JSON was well formed
        // but a value did not fit its field.
        if (e.InnerException is JsonException)
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request body is not valid JSON.",
                Detail = e.LineNumber is { } line && e.BytePositionInLine is { } position
                    ? $"The JSON breaks off or goes wrong at line {line + 1}, byte {position + 1}." : null,
            };
        if (FieldAt(e.Path, bodyType) is ({ } field, { } message))
            return RequestBindingProblems.Invalid(field, message);
        return new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest, Title = "The request body does not fit this route.",
            Detail = $"The body must be {ApiValueWords.Describe(bodyType)}.",
        };
    }

    /// <summary>
    /// Follows a JSON path such as <c>$.items[0].name</c> through the body's type to the field it names, and says what
    /// that field must be (or, for a map's key that is not one of its words, what the keys must be).
    /// </summary>
    private static (string? Field, string? Message) FieldAt(string? path, Type bodyType)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return (null, null);
        var type = bodyType;
        var field = "";
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
                field += $"[{segment.Groups["index"].Value}]";
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                field += field.Length == 0 ? name : "." + name;
                if (type is not null && ApiValueWords.DictionaryTypes(type) is var (keyType, valueType))
                {
                    // A map's key that is not one of its words: the key itself is what is wrong.
                    var underlyingKey = Nullable.GetUnderlyingType(keyType) ?? keyType;
                    if (underlyingKey.IsEnum && !ApiValueWords.EnumWords(underlyingKey).Contains(name))
                        return (field, $"{field} is not a key this field takes; use {ApiValueWords.Describe(underlyingKey)}.");
                    type = valueType;
                }
                else type = PropertyType(type, name);
            }
            if (type is null) return (null, null);
        }
        return field.Length == 0 ? (null, null) : (field, $"{field} must be {ApiValueWords.Describe(type!)}.");
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    private static Type? PropertyType(Type? type, string jsonName) =>
        type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, jsonName, StringComparison.OrdinalIgnoreCase))
            ?.PropertyType;

    private static Type? ElementType(Type? type) =>
        type is null ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
