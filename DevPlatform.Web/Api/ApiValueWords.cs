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
            _ when typeof(IEnumerable).IsAssignableFrom(underlying) => "an array",
            _ => "a JSON object",
        };
    }

    /// <summary>The words an enum is written with in JSON: its JsonStringEnumMemberName where it has one ("many-to-one"), else its name.</summary>
    private static IEnumerable<string> EnumWords(Type type) =>
        type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                .OfType<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? f.Name);

    private static bool IsWholeNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsWholeNumberText(string text) =>
        System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
