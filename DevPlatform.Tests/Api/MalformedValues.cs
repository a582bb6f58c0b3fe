using System.Buffers.Text;
using System.Text;

namespace DevPlatform.Tests.Api;

/// <summary>The bad values the battery sends, each with a name that says what it is.</summary>
public static class MalformedValues
{
    public const int LongLength = 100_000;

    /// <summary>Text for a URL (query value or path segment), already escaped: some of it cannot be escaped from a .NET string.</summary>
    public static readonly (string What, string Escaped)[] UrlTexts =
    [
        ("100k chars", new string('a', LongLength)),
        ("zero-width space", Uri.EscapeDataString("a\u200Bb")),
        ("RTL override", Uri.EscapeDataString("\u202Eab")),
        ("NUL", "a%00b"),
        ("lone surrogate", "a%ED%A0%80b"),
        ("invalid UTF-8", "a%FF%FEb"),
        ("SQL", Uri.EscapeDataString("' OR 1=1 --")),
    ];

    /// <summary>JSON string literals, as they appear in the body.</summary>
    public static readonly (string What, string Json)[] JsonTexts =
    [
        ("100k chars", $"\"{new string('a', LongLength)}\""),
        ("zero-width no-break space only", "\"\\uFEFF\""),
        ("RTL override", "\"\\u202Eab\""),
        ("NUL", "\"a\\u0000b\""),
        ("lone surrogate", "\"a\\ud800b\""),
    ];

    public static readonly (string What, string Escaped)[] Numbers =
    [
        ("abc", "abc"), ("-1", "-1"), ("0", "0"), ("99999999999", "99999999999"), ("1.5", "1.5"),
        ("Arabic-Indic digit", Uri.EscapeDataString("\u0661")),
    ];

    public static readonly (string What, string Json)[] NotAString = [("number", "42"), ("true", "true"), ("array", "[\"a\"]"), ("nested object", "{\"a\":{\"b\":[1]}}")];

    public static readonly (string What, string Json)[] NotAWholeNumber =
    [
        ("word", "\"one\""), ("fraction", "1.5"), ("1e400", "1e400"), ("25 digits", "9999999999999999999999999"),
        ("array", "[1]"), ("object", "{}"), ("true", "true"),
    ];

    public static readonly (string What, string Json)[] NotABoolean = [("word", "\"yes\""), ("number", "1"), ("array", "[]"), ("object", "{}")];

    public static readonly (string What, string Json)[] NotAnObject = [("number", "42"), ("string", "\"x\"")];

    public static readonly (string What, string Body)[] BrokenJson =
    [
        ("unterminated object", "{"), ("not JSON", "not json"), ("cut off", "{\"name\":"), ("single quotes", "{'name':'x'}"),
        ("trailing comma", "{\"name\":\"x\",}"), ("comment", "/* c */ {\"name\":\"x\"}"), ("two documents", "{}{}"),
        ("nested 1000 deep", new string('[', 1000) + new string(']', 1000)),
    ];

    public static readonly (string What, string Body)[] WrongShapes =
    [
        ("null", "null"), ("empty array", "[]"), ("number", "42"), ("string", "\"text\""), ("true", "true"),
        ("array of objects", "[{}]"), ("empty object", "{}"),
    ];

    public static readonly (string What, string ContentType, string Body)[] ForeignBodies =
    [
        ("text/plain", "text/plain", "{\"name\":\"x\"}"),
        ("application/xml", "application/xml", "<project><name>x</name></project>"),
        ("form", "application/x-www-form-urlencoded", "name=x"),
        ("multipart", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n"),
    ];

    /// <summary>Continuation tokens that no listing of the caller's produced.</summary>
    public static (string What, string Escaped)[] ForeignTokens(string otherTeamsToken) =>
    [
        ("random base64url", Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData("battery"u8))),
        ("another team's token", Uri.EscapeDataString(otherTeamsToken)),
        ("null keys", Token("{\"pk\":null,\"sk\":null,\"gsi1sk\":null}")),
        ("keys of other types", Token("{\"pk\":1,\"sk\":[],\"gsi1sk\":{}}")),
        ("JSON array", Token("[]")),
        ("empty object", Token("{}")),
        ("not base64", "%21%21%21"),
    ];

    private static string Token(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
