using System.Net;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api;

/// <summary>
/// Every /api route the app maps — found in its endpoint table, so a route added later joins by itself — is sent
/// every kind of bad input its parameters and body allow. None may end in a 5xx, every 4xx is problem details
/// without framework text, another team's data never shows, and nothing is stored.
/// </summary>
public sealed class MalformedInputTests(MalformedInputApp app) : IClassFixture<MalformedInputApp>
{
    public static TheoryData<string> Cases()
    {
        var factory = new DevPlatformFactory();
        try
        {
            return new TheoryData<string>(MalformedRequests.For(ApiRoutes.Discover(factory.Services)).Select(c => c.Name));
        }
        finally
        {
            factory.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputIsAnsweredWithProblemDetailsAndStoresNothing(string name)
    {
        var request = Assert.Single(app.Battery, c => c.Name == name);

        var response = await app.Client.SendAsync(request.Build(app.Seed));
        var body = await response.Content.ReadAsStringAsync();
        var changed = await app.SnapshotAsync() != app.Baseline;
        if (changed) await app.ResetAsync();

        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status}: {ApiProblem.Shorten(body)}");
        Assert.True(request.Expected switch
        {
            Expected.Refused => status is 400 or 401,
            Expected.MethodNotAllowed => status == 405
                && response.Content.Headers.Allow.ToHashSet().SetEquals(app.Routes.Where(r => r.Path == request.Route.Path).Select(r => r.Method)),
            Expected.UnsupportedMediaType => status == 415,
            _ => true,
        }, $"Expected {request.Expected}, got {status}: {ApiProblem.Shorten(body)}");
        if (status >= 400) await ApiProblem.AssertIsProblemAsync(response);
        Assert.DoesNotContain(MalformedInputApp.OtherTeamMarker, body);
        Assert.False(changed, $"{status}, and something was stored: {ApiProblem.Shorten(body)}");
    }

    [Fact]
    public void TheBatteryReachesEveryRouteWithAtLeast200DistinctRequests()
    {
        Assert.All(app.Routes, route => Assert.Contains(app.Battery, c => c.Route == route));
        Assert.Equal(app.Battery.Count, app.Battery.Select(c => c.Name).Distinct().Count());
        Assert.True(app.Battery.Count >= 200, $"Only {app.Battery.Count} requests.");
    }

    [Fact]
    public async Task ADecomposedUserIdIsRefusedOrIsTheSameUserAsItsComposedForm()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/about");
        request.Headers.TryAddWithoutValidation("x-dev-user-id", "jose\u0301");

        var response = await app.Client.SendAsync(request);

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            await ApiProblem.AssertIsProblemAsync(response);
        else
            Assert.Equal("jos\u00e9", (await ApiProblem.JsonAsync(response)).GetProperty("userId").GetString());
    }
}
