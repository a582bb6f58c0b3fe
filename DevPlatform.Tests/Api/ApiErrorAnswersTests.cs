using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api;

/// <summary>Errors speak the API's language: every status is problem details in the API's own words.</summary>
public sealed class ApiErrorAnswersTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _factory = new();
    private HttpClient _ana = null!;

    public Task InitializeAsync()
    {
        _ana = _factory.ClientFor("ana");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJsonAnswers415(string? contentType)
    {
        var content = new StringContent("{\"name\":\"x\"}", Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new(contentType);

        var response = await _ana.PostAsync("/api/projects", content);

        await ApiProblem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await ApiProblem.JsonAsync(await _ana.GetAsync("/api/projects"))).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("PATCH", "/api/projects", "GET, POST")]
    [InlineData("OPTIONS", "/api/projects/prj_1", "DELETE, GET, PUT")]
    [InlineData("DELETE", "/api/about", "GET")]
    [InlineData("HEAD", "/api/about", "GET")]
    public async Task AMethodARouteDoesNotTakeAnswers405NamingExactlyTheOnesItDoes(string method, string path, string allowed)
    {
        var response = await _ana.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        // A HEAD answer has no body to hold problem details.
        if (method == "HEAD") Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        else await ApiProblem.AssertAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allowed.Split(", "), response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("POST")]
    public async Task AnUnknownApiRouteAnswers404WhateverTheMethod(string method)
    {
        var response = await _ana.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/nothing-here"));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("No API route has this path.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AMalformedDevUserIdAnswers400SayingWhy()
    {
        var response = await _factory.ClientFor(new string('u', 65)).GetAsync("/api/projects");

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 64", problem.GetProperty("errors").GetProperty("x-dev-user-id")[0].GetString());
    }

    [Theory]
    [InlineData("/api/projects?pageSize=abc", "pageSize", "pageSize must be a whole number.")]
    [InlineData("/api/projects?pageSize=99999999999", "pageSize", "pageSize is out of range.")]
    [InlineData("/api/projects?pageSize=1.5", "pageSize", "pageSize must be a whole number.")]
    [InlineData("/api/projects?pageSize=x%20teamId", "pageSize", "pageSize must be a whole number.")]
    public async Task AQueryValueOfTheWrongKindIsNamedInTheApisWords(string url, string field, string message)
    {
        var problem = await ApiProblem.AssertAsync(await _ana.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
    }

    [Fact]
    public async Task ADeleteWithAVersionThatIsNotANumberSaysSo()
    {
        var problem = await ApiProblem.AssertAsync(await _ana.DeleteAsync("/api/projects/prj_1?version=abc"), HttpStatusCode.BadRequest);

        Assert.Equal("version must be a whole number.", problem.GetProperty("errors").GetProperty("version")[0].GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task AMissingBodyAnswersThatTheBodyIsRequired(string body)
    {
        var response = await _ana.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body is required.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("{\"name\": 42}", "name", "name must be a string of valid Unicode text.")]
    [InlineData("{\"name\": \"a\\ud800\"}", "name", "name must be a string of valid Unicode text.")]
    [InlineData("{\"name\": \"a\", \"version\": \"one\"}", "version", "version must be a whole number.")]
    [InlineData("{\"name\": \"a\", \"version\": [1]}", "version", "version must be a whole number.")]
    public async Task AJsonValueOfTheWrongKindNamesTheField(string body, string field, string message)
    {
        var response = await _ana.PutAsync("/api/projects/prj_1", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task BrokenJsonSaysWhereItBreaks()
    {
        var response = await _ana.PostAsync("/api/projects", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
        Assert.Contains("line 1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyOfTheWrongShapeSaysWhatItMustBe()
    {
        var problem = await ApiProblem.AssertAsync(await _ana.PostAsJsonAsync("/api/projects", new[] { 1, 2 }), HttpStatusCode.BadRequest);

        Assert.Equal("The body must be a JSON object.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnexpectedErrorAnswers500InGeneralTermsEvenInDevelopment()
    {
        await using var failing = _factory.WithWebHostBuilder(b => b.ConfigureServices(FailingListings.Add));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Add("x-dev-user-id", "ana");

        var response = await client.GetAsync("/api/projects");

        var problem = await ApiProblem.AssertAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("An unexpected error occurred.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(FailingListings.Secret, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverKestrelsLimitAnswers413WithProblemDetails(bool chunked)
    {
        await using var kestrel = new DevPlatformFactory();
        kestrel.UseKestrel(o => o.Limits.MaxRequestBodySize = 1024);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-dev-user-id", "ana");

        var json = JsonSerializer.SerializeToUtf8Bytes(new { name = "big", description = new string('d', 4096) });

        var response = await PostRefusedBodyAsync(client, json, chunked);

        await ApiProblem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, (await ApiProblem.JsonAsync(await client.GetAsync("/api/projects"))).GetProperty("total").GetInt64());
    }

    /// <summary>
    /// Kestrel answers 413 and closes while the client may still be sending, and the reset can overtake the answer on
    /// a busy machine: that is the transport, not the app, so the request is sent again (at most three times).
    /// </summary>
    private static async Task<HttpResponseMessage> PostRefusedBodyAsync(HttpClient client, byte[] json, bool chunked)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Without a Content-Length the limit is only found while the body is read.
            HttpContent content = chunked ? new StreamContent(new ChunkedOnly(json)) : new ByteArrayContent(json);
            content.Headers.ContentType = new("application/json");
            try
            {
                return await client.PostAsync("/api/projects", content);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
