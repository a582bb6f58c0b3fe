using System.Net;
using System.Text.Json;

namespace DevPlatform.Tests.Api;

/// <summary>What every API error must look like: problem details with the status it was sent with, in the API's words.</summary>
public static class ApiProblem
{
    /// <summary>Phrases only the framework uses; an answer that contains one leaks its internals.</summary>
    public static readonly string[] FrameworkPhrases =
        ["Nullable<", "Implicit body", "Failed to bind", "Failed to read parameter", "Required parameter", "System.", "Microsoft.", "   at "];

    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await AssertIsProblemAsync(response);
    }

    public static async Task<JsonElement> AssertIsProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{(int)response.StatusCode} is {response.Content.Headers.ContentType?.MediaType ?? "without a body type"}: {Shorten(body)}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        foreach (var phrase in FrameworkPhrases) Assert.DoesNotContain(phrase, body);
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
