using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;

using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api;

/// <summary>What the battery found stored before it started: the caller's and another team's things.</summary>
public sealed record BatterySeed(string OwnProjectId, string OtherTeamProjectId, string OtherTeamId, string OtherTeamToken);

/// <summary>What an answer must be, beyond "no 5xx, problem details on every 4xx, nothing stored".</summary>
public enum Expected { AnyClientAnswer, Refused, MethodNotAllowed, UnsupportedMediaType }

public sealed record MalformedRequest(string Name, ApiRoute Route, Expected Expected, Func<BatterySeed, HttpRequestMessage> Build);

/// <summary>
/// The battery: for every route, every kind of bad input its metadata says it can be sent. Each request is otherwise
/// well formed (the caller's own ids, a body that would be valid), so the one bad part is what is being tested.
/// </summary>
public static class MalformedRequests
{
    public const string Caller = "ana";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    public static IReadOnlyList<MalformedRequest> For(IReadOnlyList<ApiRoute> routes)
    {
        var battery = new List<MalformedRequest>();
        foreach (var path in routes.GroupBy(r => r.Path))
            foreach (var method in Methods.Except(path.Select(r => r.Method)))
                battery.Add(new($"{method} {path.Key} · method not mapped", path.First(), Expected.MethodNotAllowed,
                    seed => Request(path.First() with { Method = method }, seed, body: null)));
        foreach (var route in routes)
        {
            if (route.NeedsUser) battery.AddRange(IdentityHeaders(route));
            battery.AddRange(RouteValues(route));
            battery.AddRange(route.QueryParameters.SelectMany(p => QueryValues(route, p.Name, p.Type)));
            if (route.BodyType == typeof(Stream)) battery.AddRange(RawBodies(route));
            else if (route.BodyType is { } bodyType) battery.AddRange(Bodies(route, bodyType));
        }
        return battery;
    }

    private static IEnumerable<MalformedRequest> IdentityHeaders(ApiRoute route)
    {
        (string What, string[] Ids, string? Name)[] headers =
        [
            ("two x-dev-user-id headers", [Caller, "bo"], null), ("zero-width in user id", ["an\u200Ba"], null),
            ("RTL override in user id", ["\u202Eana"], null), ("65-char user id", [new string('u', 65)], null),
            ("empty user id", [""], null), ("100k-char x-dev-user-name", [Caller], new string('n', MalformedValues.LongLength)),
        ];
        return headers.Select(h => new MalformedRequest($"{route} · {h.What}", route, Expected.Refused,
            seed => Request(route, seed, ValidBody(route), userIds: h.Ids, userName: h.Name)));
    }

    private static IEnumerable<MalformedRequest> RouteValues(ApiRoute route)
    {
        foreach (var name in route.RouteParameters)
        {
            // A NUL in a path never reaches the app: Kestrel refuses it, and the test server cannot carry it.
            var values = MalformedValues.UrlTexts.Where(t => t.What != "NUL").Select(t => (t.What, (Func<BatterySeed, string>)(_ => t.Escaped)))
                .Append(("unknown id", _ => "prj_00000000000000000000000000000000"))
                .Append(("another team's id", seed => seed.OtherTeamProjectId))
                .Append(("path traversal", _ => "..%2F..%2Fabout"));
            foreach (var (what, value) in values)
                yield return new($"{route} · {{{name}}}: {what}", route, Expected.AnyClientAnswer,
                    seed => Request(route, seed, ValidBody(route), routeValues: new() { [name] = value(seed) }));
        }
    }

    private static IEnumerable<MalformedRequest> QueryValues(ApiRoute route, string name, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        IEnumerable<(string What, Func<BatterySeed, string> Value)> values =
            underlying == typeof(string) ? StringQueryValues(name)
            : underlying == typeof(int) || underlying == typeof(long) ? MalformedValues.Numbers.Select(n => (n.What, Fixed(n.Escaped)))
            : [("a word", Fixed("abc")), ("100k chars", Fixed(new string('9', MalformedValues.LongLength)))];
        foreach (var (what, value) in values)
            yield return new($"{route} · ?{name}: {what}", route, Expected.AnyClientAnswer,
                seed => Request(route, seed, ValidBody(route), query: $"{name}={value(seed)}"));
        var twice = underlying == typeof(string) ? "x" : "1";
        yield return new($"{route} · ?{name} twice", route, Expected.AnyClientAnswer,
            seed => Request(route, seed, ValidBody(route), query: $"{name}={twice}&{name}=2"));
    }

    private static IEnumerable<(string, Func<BatterySeed, string>)> StringQueryValues(string name)
    {
        foreach (var (what, escaped) in MalformedValues.UrlTexts) yield return (what, Fixed(escaped));
        if (name.EndsWith("Id", StringComparison.Ordinal))
        {
            yield return ("unknown id", Fixed("x_00000000000000000000000000000000"));
            yield return ("another team's id", seed => name == "teamId" ? seed.OtherTeamId : seed.OtherTeamProjectId);
        }
        if (name.Contains("token", StringComparison.OrdinalIgnoreCase))
            foreach (var what in MalformedValues.ForeignTokens("").Select(t => t.What))
                yield return ($"token, {what}", seed => MalformedValues.ForeignTokens(seed.OtherTeamToken).Single(t => t.What == what).Escaped);
    }

    private static IEnumerable<MalformedRequest> Bodies(ApiRoute route, Type bodyType)
    {
        MalformedRequest With(string what, Expected expected, Func<HttpContent?> content) =>
            new($"{route} · body: {what}", route, expected, seed => Request(route, seed, content()));

        foreach (var (what, type, body) in MalformedValues.ForeignBodies)
            yield return With(what, Expected.UnsupportedMediaType, () => Text(body, type));
        yield return With("JSON without Content-Type", Expected.UnsupportedMediaType, () => Text(ValidBodyJson(bodyType), null));
        yield return With("JSON as UTF-16 charset", Expected.AnyClientAnswer, () => Text(ValidBodyJson(bodyType), "application/json; charset=utf-16"));
        yield return With("two Content-Type headers", Expected.AnyClientAnswer, () =>
        {
            var content = Text(ValidBodyJson(bodyType), "application/json");
            content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
            return content;
        });
        yield return With("empty", Expected.AnyClientAnswer, () => Text("", "application/json"));
        yield return With("absent", Expected.AnyClientAnswer, () => null);
        foreach (var (what, body) in MalformedValues.BrokenJson.Concat(MalformedValues.WrongShapes))
            yield return With(what, Expected.AnyClientAnswer, () => Text(body, "application/json"));
        foreach (var property in Properties(bodyType))
            foreach (var (what, json) in WrongValues(property.Type))
                yield return With($"{property.Name} {what}", Expected.AnyClientAnswer, () => Text(ValidBodyJson(bodyType, property.Name, json), "application/json"));
    }

    /// <summary>Upload routes that stream the raw request body: what it says it is must match what it is.</summary>
    private static IEnumerable<MalformedRequest> RawBodies(ApiRoute route)
    {
        MalformedRequest With(string what, Func<HttpContent?> content) =>
            new($"{route} · raw body: {what}", route, Expected.AnyClientAnswer, seed => Request(route, seed, content()));

        yield return With("JSON", () => Text("{\"imageData\":\"AAAA\"}", "application/json"));
        yield return With("HTML declared as PNG", () => Text("<html><script>alert(1)</script></html>", "image/png"));
        yield return With("JPEG declared as PNG", () => Raw(TestFiles.Jpeg(64), "image/png"));
        yield return With("PNG declared as not a media type", () => Raw(TestFiles.Png(64), "not-a-type"));
        yield return With("PNG without Content-Type", () => Raw(TestFiles.Png(64), null));
        yield return With("empty", () => Raw([], "image/png"));
        yield return With("absent", () => null);
    }

    private static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static IEnumerable<(string, string)> WrongValues(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return MalformedValues.NotAString.Concat(MalformedValues.JsonTexts);
        if (underlying == typeof(int) || underlying == typeof(long)) return MalformedValues.NotAWholeNumber;
        if (underlying == typeof(bool)) return MalformedValues.NotABoolean;
        return MalformedValues.NotAnObject;
    }

    private static HttpRequestMessage Request(ApiRoute route, BatterySeed seed, HttpContent? body, string? query = null,
        Dictionary<string, string>? routeValues = null, string[]? userIds = null, string? userName = null)
    {
        var path = route.Path;
        foreach (var name in route.RouteParameters)
            path = path.Replace($"{{{name}}}", routeValues?.GetValueOrDefault(name) ?? OwnId(name, seed));
        var request = new HttpRequestMessage(new HttpMethod(route.Method), query is null ? path : $"{path}?{query}") { Content = body };
        foreach (var id in userIds ?? [Caller]) request.Headers.TryAddWithoutValidation("x-dev-user-id", id);
        if (userName is not null) request.Headers.TryAddWithoutValidation("x-dev-user-name", userName);
        return request;
    }

    /// <summary>The caller's own project for an id the seed can fill; anything else gets an id that exists nowhere.</summary>
    public static string OwnId(string routeParameter, BatterySeed seed) =>
        routeParameter is "id" or "projectId" ? seed.OwnProjectId : "x_00000000000000000000000000000000";

    private static HttpContent? ValidBody(ApiRoute route) =>
        route.BodyType == typeof(Stream) ? Raw(TestFiles.Png(64), "image/png")
        : route.BodyType is { } type ? Text(ValidBodyJson(type), "application/json") : null;

    /// <summary>A body every field of which is valid, with at most one field replaced by <paramref name="json"/>.</summary>
    private static string ValidBodyJson(Type type, string? replaced = null, string? json = null) =>
        "{" + string.Join(",", Properties(type).Select(p => $"\"{p.Name}\":{(p.Name == replaced ? json : ValidJson(p.Type))}")) + "}";

    private static string ValidJson(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string) ? "\"Battery\"" : underlying == typeof(int) || underlying == typeof(long) ? "1"
            : underlying == typeof(bool) ? "false" : "null";
    }

    private static IEnumerable<(string Name, Type Type)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetSetMethod(true) is not null)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    private static Func<BatterySeed, string> Fixed(string value) => _ => value;

    private static StringContent Text(string body, string? contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
