using System.Text.Json;
using System.Text.Json.Serialization;
using MudBlazor;

namespace DevPlatform.Web.Components.Shared;

/// <summary>What the browser's PUT of a picked file got back (see FileUpload.razor.js), and what to tell the person.</summary>
/// <param name="Status">The HTTP status; 0 when no answer came (connection lost, or <paramref name="Aborted"/>).</param>
/// <param name="Body">The response text: a problem-details document when the route refused the file.</param>
/// <param name="Missing">The input held no file by the time the request was to start.</param>
public sealed record UploadAnswer(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("aborted")] bool Aborted,
    [property: JsonPropertyName("missing")] bool Missing)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public (Severity Severity, string Message) Describe(string fileName, Func<string, string>? successMessage) => this switch
    {
        { Succeeded: true } => (Severity.Success, successMessage?.Invoke(fileName) ?? $"{fileName} uploaded."),
        { Aborted: true } => (Severity.Info, $"Upload of {fileName} cancelled; nothing was stored."),
        { Missing: true } => (Severity.Error, $"{fileName} is no longer selected; pick it again."),
        { Status: 0 } => (Severity.Error, $"The connection was lost while sending {fileName}; nothing was stored. Try again."),
        { Status: 401 } => (Severity.Error, "Your session has ended: sign in again, then upload the file."),
        _ => (Severity.Error, ProblemMessage() ?? $"{fileName} was not stored: the server answered {Status}."),
    };

    /// <summary>The refusal in the words the API gave it: every validation message, else the detail, else the title.</summary>
    private string? ProblemMessage()
    {
        if (string.IsNullOrWhiteSpace(Body)) return null;
        try
        {
            var problem = JsonSerializer.Deserialize<Problem>(Body);
            if (problem?.Errors is { Count: > 0 } errors) return string.Join(" ", errors.Values.SelectMany(m => m));
            return string.IsNullOrWhiteSpace(problem?.Detail) ? problem?.Title : problem.Detail;
        }
        catch (JsonException)
        {
            return null; // Not problem details (a proxy's error page, say): the status is all we can say.
        }
    }

    private sealed record Problem(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("detail")] string? Detail,
        [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors);
}
