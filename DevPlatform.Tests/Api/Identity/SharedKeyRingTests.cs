using System.Net;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>Instances of one deployment on AWS share the key ring and the sessions, as a load balancer needs.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SharedKeyRingTests(AwsEmulators emulators)
{
    [Fact]
    public async Task ASessionFromOneInstanceWorksOnAnotherAndEndsOnBoth()
    {
        var prefix = $"ring{Guid.NewGuid().ToString("N")[..8]}-";
        await using var first = DevPlatformFactory.OnAws(emulators, prefix);
        await using var second = DevPlatformFactory.OnAws(emulators, prefix);
        var browser = DevSignInClient.Create(first);
        var cookie = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(browser, "ana"));

        Assert.Equal(HttpStatusCode.OK, await DevSignInClient.GetWithCookieAsync(second, "/api/projects", cookie));

        await DevSignInClient.SignOutAsync(browser);
        await using var third = DevPlatformFactory.OnAws(emulators, prefix);
        Assert.Equal(HttpStatusCode.Unauthorized, await DevSignInClient.GetWithCookieAsync(third, "/api/projects", cookie));
    }

    [Fact]
    public async Task ADeploymentWithOtherDataCannotReadTheCookie()
    {
        await using var ours = DevPlatformFactory.OnAws(emulators);
        await using var theirs = DevPlatformFactory.OnAws(emulators);
        var cookie = DevSignInClient.SessionCookie(await DevSignInClient.SignInAsync(DevSignInClient.Create(ours), "ana"));

        Assert.Equal(HttpStatusCode.Unauthorized, await DevSignInClient.GetWithCookieAsync(theirs, "/api/projects", cookie));
    }
}
