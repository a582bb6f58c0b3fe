using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Team;

/// <summary>The team API end to end: an invitation checked without sign-in, accepted, the team chosen, and its rules as problem details.</summary>
public sealed class TeamApiTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _app = new();
    private HttpClient _ana = null!, _bo = null!, _anonymous = null!;

    public Task InitializeAsync()
    {
        (_ana, _bo) = (_app.ClientFor("ana"), _app.ClientFor("bo"));
        _anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnInvitationIsCheckedAnonymouslyAcceptedAndTheTeamBecomesTheDefault()
    {
        var team = await JsonAsync(await _ana.PostAsJsonAsync("/api/team", new { name = "Platform" }), HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetString()!;
        var issued = await JsonAsync(await _ana.PostAsJsonAsync($"/api/team/{teamId}/invitations", new { email = "bo@example.com", role = "Developer" }),
            HttpStatusCode.Created);
        var token = issued.GetProperty("link").GetString()!.Split("/invitations/")[1];

        var check = await JsonAsync(await _anonymous.PostAsJsonAsync("/api/team/invitations/check", new { token }), HttpStatusCode.OK);
        await JsonAsync(await _bo.PostAsJsonAsync("/api/team/invitations/accept", new { token }), HttpStatusCode.OK);
        (await _bo.PostAsync($"/api/team/{teamId}/select", null)).EnsureSuccessStatusCode();
        var created = await JsonAsync(await _bo.PostAsJsonAsync("/api/projects", new { name = "In the chosen team" }), HttpStatusCode.Created);

        Assert.Equal(("Open", "Platform", "Developer"), (check.GetProperty("state").GetString(),
            check.GetProperty("invitation").GetProperty("teamName").GetString(), check.GetProperty("invitation").GetProperty("role").GetString()));
        Assert.Equal(teamId, created.GetProperty("teamId").GetString());
        var mine = await JsonAsync(await _bo.GetAsync("/api/team"), HttpStatusCode.OK);
        Assert.Equal(teamId, mine.GetProperty("currentTeamId").GetString());
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == teamId && t.GetProperty("role").GetString() == "Developer");
    }

    [Fact]
    public async Task TheLastOwnerLeavingIsAConflictThatSaysWhy()
    {
        var teamId = (await JsonAsync(await _ana.PostAsJsonAsync("/api/team", new { name = "Solo" }), HttpStatusCode.Created)).GetProperty("id").GetString();

        var response = await _ana.PostAsync($"/api/team/{teamId}/leave", null);

        var problem = await JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("at least one Owner", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"email\":\"bo@example.com\",\"role\":\"Overlord\"}")]
    [InlineData("{\"email\":\"bo@example.com\",\"role\":3}")]
    [InlineData("{\"email\":\"bo@example.com\"}")]
    [InlineData("{\"email\":\"not an email\",\"role\":\"Viewer\"}")]
    public async Task AnInvalidInvitationIsAValidationProblem(string body)
    {
        var teamId = (await JsonAsync(await _ana.PostAsJsonAsync("/api/team", new { name = "Strict" }), HttpStatusCode.Created)).GetProperty("id").GetString();

        var response = await _ana.PostAsync($"/api/team/{teamId}/invitations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiProblem.AssertIsProblemAsync(response);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
