using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevPlatform.Core.Common;

/// <summary>How domain records are written into document bodies and notification payloads.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} is empty.");
}
