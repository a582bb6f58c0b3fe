using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DevPlatform.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating proxy or load balancer: with ForwardedHeaders:Enabled the app trusts
/// X-Forwarded-For/-Proto/-Host from the proxies listed in ForwardedHeaders:KnownProxies (loopback when none is listed),
/// so it sees HTTPS, marks the session cookie Secure and builds https:// OpenID Connect redirect URIs. HSTS is sent
/// outside Development on HTTPS requests.
/// </summary>
internal static class ProxySetup
{
    public const string Section = "ForwardedHeaders";

    public static void Add(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        if (!section.GetValue<bool>("Enabled")) return;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{proxy}', which is not an IP address."));
            // X-Forwarded-Host is only honoured for the hosts the deployment allows.
            o.AllowedHosts = (builder.Configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries);
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
    }

    public static void Use(WebApplication app)
    {
        if (app.Configuration.GetValue<bool>($"{Section}:Enabled")) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
    }
}
