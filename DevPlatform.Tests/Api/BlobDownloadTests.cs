using System.Net;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api;

/// <summary>The embedded mode's /blobs route, over HTTP as a browser follows a download link.</summary>
public sealed class BlobDownloadTests : IAsyncLifetime
{
    private readonly DevPlatformFactory _factory = new();
    private HttpClient _browser = null!;
    private IBlobStore _blobs = null!;

    public async Task InitializeAsync()
    {
        _browser = _factory.CreateClient(new() { AllowAutoRedirect = false });
        _blobs = _factory.Services.GetRequiredService<IBlobStore>();
        await _blobs.PutAsync("architectures/p1/a1/diagram.png", new MemoryStream([137, 80, 78, 71]), "image/png");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ASignedLinkDownloadsTheBlobWithItsContentTypeAndNoSignIn()
    {
        var url = await _blobs.GetDownloadUrlAsync("architectures/p1/a1/diagram.png", TimeSpan.FromMinutes(5));

        var response = await _browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([137, 80, 78, 71], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnAlteredLinkAnswers403WithProblemDetails()
    {
        var url = (await _blobs.GetDownloadUrlAsync("architectures/p1/a1/diagram.png", TimeSpan.FromMinutes(5))).ToString();

        var response = await _browser.GetAsync(url.Replace("expires=", "expires=9"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // Validly signed, so only the key itself can be the reason for refusing them.
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\etc\\passwd")]
    [InlineData("architectures/p1/a1/")]
    [InlineData("long")]
    public async Task ASignedLinkForAKeyNoStoreAcceptsAnswers4xxWithProblemDetails(string key)
    {
        if (key == "long") key = "architectures/" + new string('k', 1_201 - "architectures/".Length);
        var url = _factory.Services.GetRequiredService<BlobUrlSigner>().Sign(key, TimeSpan.FromMinutes(5));

        var response = await _browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
