using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Browser sessions are cookies backed by a server-side session record. OpenID Connect is the sign-in wherever it is
/// configured; in Development without it, a user signs in on /account/sign-in by naming themselves, and API callers may
/// send x-dev-user-id instead (both only from this machine by default). Outside Development OIDC over HTTPS is required.
/// </summary>
internal static class AuthenticationSetup
{
    private const string Selector = "DevPlatform";

    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        oidc.Validate(isDevelopment);
        var development = DevelopmentSignIn.From(builder.Environment, builder.Configuration, oidc);

        // One key ring per deployment, in its own storage, under one application name: cookies made by an instance with
        // other data (a developer's machine) cannot be read here.
        services.AddDataProtection().SetApplicationName("DevPlatform");
        services.AddSingleton<DocumentKeyRing>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<DocumentKeyRing>((o, ring) => o.XmlRepository = ring);

        services.AddSingleton(oidc);
        services.AddSingleton(development);
        services.AddSingleton<UserOnboarding>();
        services.AddSingleton<SessionValidation>();
        services.AddMemoryCache();
        services.AddScoped<CurrentUser>();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = Selector;
            o.DefaultChallengeScheme = Selector;
        });
        // API calls are answered 401/403 by the cookie scheme; pages go to OpenID Connect where it is the sign-in.
        // (An OIDC handler authenticates through its cookie, so it serves page requests for both.)
        authentication.AddPolicyScheme(Selector, "API token, cookie, OpenID Connect or development header", o => o.ForwardDefaultSelector = context =>
            context.Request.Path.StartsWithSegments("/api") && ApiTokenAuthenticationHandler.Carries(context.Request) ? ApiTokenAuthenticationHandler.SchemeName
            : development.IsEnabled && context.Request.Headers.ContainsKey(DevHeaderAuthenticationHandler.UserIdHeader) ? DevHeaderAuthenticationHandler.SchemeName
            : oidc.IsConfigured && !context.Request.Path.StartsWithSegments("/api") ? OpenIdConnectDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.Cookie.Name = "devplatform.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, which behind a TLS proxy needs ForwardedHeaders:Enabled (see README).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionValidation>().ValidateAsync(context);
            // API callers get a status code, not the sign-in page.
            o.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized, "Sign in first.");
            o.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden, "You may not do this.");
        });
        authentication.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        if (development.IsEnabled)
            authentication.AddScheme<AuthenticationSchemeOptions, DevHeaderAuthenticationHandler>(DevHeaderAuthenticationHandler.SchemeName, null);
        if (oidc.IsConfigured) OidcSignIn.Add(authentication, oidc);
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status, string title)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Api.ApiProblemResponses.WriteAsync(context.HttpContext, status, title);
        }
        // Relative, so a forged Host header never ends up in a Location.
        context.Response.Redirect(ReturnUrls.Relative(context.RedirectUri));
        return Task.CompletedTask;
    }
}
