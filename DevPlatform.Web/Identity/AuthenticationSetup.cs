using DevPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace DevPlatform.Web.Identity;

/// <summary>
/// Browser sessions are cookies. In Development a user signs in on /account/sign-in by naming themselves, and API
/// callers may send x-dev-user-id instead. Outside Development both are off and OpenID Connect is required.
/// </summary>
internal static class AuthenticationSetup
{
    private const string Selector = "DevPlatform";

    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!isDevelopment && !oidc.IsConfigured)
            throw new InvalidOperationException(
                "No sign-in is configured. Outside Development set Authentication:Oidc:Authority and Authentication:Oidc:ClientId " +
                "(and Authentication:Oidc:ClientSecret); the development sign-in is switched off there.");

        services.AddSingleton(oidc);
        services.AddSingleton<UserOnboarding>();
        services.AddScoped<CurrentUser>();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();

        var useOidc = oidc.IsConfigured && !isDevelopment;
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = Selector;
            o.DefaultChallengeScheme = Selector;
        });
        // API calls are answered 401/403 by the cookie scheme; pages go to OpenID Connect where it is the sign-in.
        // (An OIDC handler authenticates through its cookie, so it serves page requests for both.)
        authentication.AddPolicyScheme(Selector, "Cookie, OpenID Connect or development header", o => o.ForwardDefaultSelector = context =>
            isDevelopment && context.Request.Headers.ContainsKey(DevHeaderAuthenticationHandler.UserIdHeader) ? DevHeaderAuthenticationHandler.SchemeName
            : useOidc && !context.Request.Path.StartsWithSegments("/api") ? OpenIdConnectDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.Cookie.Name = "devplatform.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            // API callers get a status code, not the sign-in page.
            o.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized, "Sign in first.");
            o.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden, "You may not do this.");
        });
        if (isDevelopment)
            authentication.AddScheme<AuthenticationSchemeOptions, DevHeaderAuthenticationHandler>(DevHeaderAuthenticationHandler.SchemeName, null);
        if (oidc.IsConfigured)
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.SaveTokens = false;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Scope.Add("profile");
                o.Events.OnTokenValidated = async context =>
                {
                    if (context.Principal is { } principal && ActorClaims.FromPrincipal(principal) is { } actor)
                        await context.HttpContext.RequestServices.GetRequiredService<UserOnboarding>().EnsureAsync(actor, context.HttpContext.RequestAborted);
                };
            });
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status, string title)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Api.ApiProblemResponses.WriteAsync(context.HttpContext, status, title);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
