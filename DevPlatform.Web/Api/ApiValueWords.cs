using System.Collections;
using System.Globalization;

namespace DevPlatform.Web.Api;

/// <summary>What a value of a .NET type looks like to an API client, without naming the .NET type.</summary>
internal static class ApiValueWords
{
    /// <param name="sent">The raw text the client sent: a whole number that overflowed is out of range, not malformed.</param>
    public static string MustBe(string name, Type type, string? sent)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsWholeNumber(underlying) && sent is not null && IsWholeNumberText(sent))
            return $"{name} is out of range.";
        return $"{name} must be {Describe(type)}.";
    }

    public static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => "a string of valid Unicode text",
            _ when IsWholeNumber(underlying) => "a whole number",
            _ when underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal) => "a number",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(Guid) => "a GUID",
            _ when underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) => "a date and time (ISO 8601)",
            _ when underlying == typeof(DateOnly) => "a date (yyyy-mm-dd)",
            _ when underlying == typeof(byte[]) => "base64-encoded bytes",
            _ when underlying.IsEnum => "one of " + string.Join(", ", EnumWords(underlying)),
            _ when DictionaryTypes(underlying) is not null => "a JSON object",
            _ when typeof(IEnumerable).IsAssignableFrom(underlying) => "an array",
            _ => "a JSON object",
        };
    }

    /// <summary>An enum's values as JSON writes them: each member's JsonStringEnumMemberName, else its name.</summary>
    public static IEnumerable<string> EnumWords(Type enumType) =>
        enumType.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? f.Name);

    /// <summary>The key and value types of a dictionary type (IReadOnlyDictionary, IDictionary or a class implementing one); null for others.</summary>
    public static (Type Key, Type Value)? DictionaryTypes(Type type) =>
        type.GetInterfaces().Append(type)
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
            .Select(i => i.GetGenericArguments()).Select(a => ((Type, Type)?)(a[0], a[1])).FirstOrDefault();

    private static bool IsWholeNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsWholeNumberText(string text) =>
        System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
