using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Tokens;

/// <summary>"Authorization: Bearer" on /api: the owner's roles capped by scope, a clear 401 otherwise, and no minting of tokens by tokens.</summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _app = new();
    private HttpClient _ana = null!;

    public Task InitializeAsync()
    {
        _ana = _app.ClientFor("ana");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AReadOnlyTokenListsProjectsButCannotCreateOne()
    {
        var bearer = Bearer(await CreateTokenAsync("read-only"));

        var list = await bearer.GetAsync("/api/projects");
        var create = await bearer.PostAsJsonAsync("/api/projects", new { name = "Nope" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("read-only", (await ApiProblem.JsonAsync(create)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AReadWriteTokenActsWithItsOwnersRole()
    {
        var bearer = Bearer(await CreateTokenAsync("read-write"));

        var create = await bearer.PostAsJsonAsync("/api/projects", new { name = "From CI" });

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal("ana", (await ApiProblem.JsonAsync(create)).GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task ARevokedTokenIsAnswered401WithTheReason()
    {
        var issued = await CreateTokenAsync("read-write");
        var id = issued.Split('_')[1];
        (await _ana.DeleteAsync($"/api/tokens/tok_{id}")).EnsureSuccessStatusCode();

        var response = await Bearer(issued).GetAsync("/api/projects");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
        await ApiProblem.AssertIsProblemAsync(response);
    }

    [Fact]
    public async Task ATokenCannotMakeOrRevokeTokens()
    {
        var issued = await CreateTokenAsync("read-write");
        var bearer = Bearer(issued);

        var create = await bearer.PostAsJsonAsync("/api/tokens", new { name = "Escalate", scope = "read-write" });

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Single((await ApiProblem.JsonAsync(await _ana.GetAsync("/api/tokens"))).EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownScopeIsAValidationProblem()
    {
        var response = await _ana.PostAsJsonAsync("/api/tokens", new { name = "x", scope = "admin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiProblem.AssertIsProblemAsync(response);
    }

    private async Task<string> CreateTokenAsync(string scope)
    {
        var response = await _ana.PostAsJsonAsync("/api/tokens", new { name = "test", scope, expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiProblem.JsonAsync(response)).GetProperty("secret").GetString()!;
    }

    private HttpClient Bearer(string secret)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
