using System.Net;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Whether the development sign-in (the name-yourself page and the x-dev-user-id header) answers a request. It exists
/// only in Development with no OpenID Connect configured (configured OIDC is never ignored), and answers only clients on
/// this machine unless Authentication:Development:AllowRemoteClients is true: an instance started as Development on a
/// public address must not let anyone be anyone.
/// </summary>
public sealed class DevelopmentSignIn(bool enabled, bool allowRemoteClients)
{
    public const string Section = "Authentication:Development";

    public bool IsEnabled => enabled;

    public bool Allows(HttpContext context) =>
        enabled && (allowRemoteClients || context.Connection.RemoteIpAddress is null || IPAddress.IsLoopback(context.Connection.RemoteIpAddress));

    public static DevelopmentSignIn From(IWebHostEnvironment environment, IConfiguration configuration, OidcOptions oidc) =>
        new(environment.IsDevelopment() && !oidc.IsConfigured, configuration.GetValue<bool>($"{Section}:AllowRemoteClients"));
}
