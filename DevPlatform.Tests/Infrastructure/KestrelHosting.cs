using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Infrastructure;

public static class KestrelHosting
{
    /// <summary>Serves the in-process app on a free loopback port, for a real browser, and returns its address.</summary>
    public static Uri StartOnKestrel(this WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        return new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }
}
