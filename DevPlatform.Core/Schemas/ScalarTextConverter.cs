using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevPlatform.Core.Schemas;

/// <summary>
/// Reads a JSON string, number or true/false as its text, so <c>"default": 0</c> and <c>"default": "0"</c> mean the same;
/// an array or object is refused. Writes the text back as a JSON string.
/// </summary>
public sealed class ScalarTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        _ => throw new JsonException("Expected a string, a number, true or false."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
