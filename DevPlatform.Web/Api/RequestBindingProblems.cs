using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DevPlatform.Web.Api;

/// <summary>
/// Minimal APIs report a request they cannot bind in C# terms ("Failed to bind parameter "Nullable&lt;int&gt; pageSize"",
/// "Implicit body inferred for parameter…"). Clients get the API's words instead, built from the endpoint's own
/// metadata; the framework's text is only searched for which parameter failed and is never passed on.
/// </summary>
internal static partial class RequestBindingProblems
{
    public static ProblemDetails For(HttpContext context, BadHttpRequestException e)
    {
        // The exception handler has already cleared the endpoint and route values from the context; its feature kept them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? context.GetEndpoint();
        var routeValues = failed?.RouteValues ?? context.Request.RouteValues;
        var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
        if (status != StatusCodes.Status400BadRequest)
            return new ProblemDetails { Status = status, Title = ApiErrorWords.Title(status), Detail = Detail(status, endpoint) };
        if (FailedParameter(endpoint, e) is not { } parameter)
            return new ProblemDetails { Status = status, Title = ApiErrorWords.Title(status) };
        if (IsBody(endpoint, parameter))
            return e.InnerException is JsonException json ? JsonBodyProblems.For(json, parameter.ParameterType) : JsonBodyProblems.Missing(parameter.ParameterType);
        var name = BindingName(parameter);
        return Invalid(name, Sent(context.Request, routeValues, parameter, name) is { } value ? ApiValueWords.MustBe(name, parameter.ParameterType, value) : $"{name} is required.");
    }

    public static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "The input is not valid.",
        };

    private static string? Detail(int status, Endpoint? endpoint) =>
        status == StatusCodes.Status415UnsupportedMediaType && endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts
            ? $"Send the body with Content-Type: {string.Join(" or ", accepts.ContentTypes)}."
            : null;

    /// <summary>
    /// The framework quotes the failed parameter first, as "Type name" or "name"; the endpoint's method says which one
    /// it was. Only that first quote is read: a later one holds the value the client sent, which could name another.
    /// </summary>
    private static ParameterInfo? FailedParameter(Endpoint? endpoint, BadHttpRequestException e)
    {
        if (FirstQuoted().Match(e.Message) is not { Success: true } quoted) return null;
        var named = quoted.Groups[1].Value;
        return endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => p.Name is { } name && (named == name || named.EndsWith(" " + name, StringComparison.Ordinal)));
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex FirstQuoted();

    private static bool IsBody(Endpoint? endpoint, ParameterInfo parameter) =>
        parameter.GetCustomAttributes().OfType<IFromBodyMetadata>().Any()
        || endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType == parameter.ParameterType;

    private static string BindingName(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Select(a => a switch
        {
            IFromQueryMetadata q => q.Name,
            IFromRouteMetadata r => r.Name,
            IFromHeaderMetadata h => h.Name,
            _ => null,
        }).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? parameter.Name!;

    /// <returns>The raw value the client sent for the parameter, or null when it sent none.</returns>
    private static string? Sent(HttpRequest request, RouteValueDictionary routeValues, ParameterInfo parameter, string name) =>
        parameter.GetCustomAttributes().OfType<IFromHeaderMetadata>().Any()
            ? request.Headers.TryGetValue(name, out var header) ? header.ToString() : null
            : routeValues.TryGetValue(name, out var route) ? route?.ToString() ?? ""
            : request.Query.TryGetValue(name, out var query) ? query.ToString() : null;
}
