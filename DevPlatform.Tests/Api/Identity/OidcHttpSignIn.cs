using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>
/// A browser's part of an OpenID Connect sign-in, done with two HTTP clients: one for the app (the test server, whose
/// address is http://localhost), one with its own cookies for the provider. Redirects are followed by hand, because the
/// provider's last one leads back into the app.
/// </summary>
public static partial class OidcHttpSignIn
{
    public static HttpClient ProviderClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    /// <returns>The app's answer to the provider's callback: a redirect into the app when the sign-in worked.</returns>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient app, HttpClient provider, string login, string path = "/projects")
    {
        var challenge = await app.GetAsync(path);
        var next = challenge.Headers.Location ?? throw new InvalidOperationException($"{path} did not redirect to the provider ({challenge.StatusCode}).");
        var providerAuthority = next.GetLeftPart(UriPartial.Authority);
        for (var step = 0; step < 10; step++)
        {
            var answer = await provider.GetAsync(next);
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                // The provider's login form: any login name, any password.
                var form = await answer.Content.ReadAsStringAsync();
                var action = FormAction().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
                    : throw new InvalidOperationException("The provider showed no form:\n" + form);
                answer = await provider.PostAsync(new Uri(next, action), new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["prompt"] = "login", ["login"] = login, ["password"] = "any password",
                }));
            }
            next = new Uri(next, answer.Headers.Location ?? throw new InvalidOperationException($"The provider answered {answer.StatusCode} at {next}."));
            if (next.GetLeftPart(UriPartial.Authority) != providerAuthority) return await app.GetAsync(next.PathAndQuery);
        }
        throw new InvalidOperationException("The provider never sent the browser back to the app.");
    }

    /// <summary>
    /// A test-only route, /test/antiforgery-token, that hands the signed-in client the token the user menu's sign-out form
    /// carries: that form is rendered only when the menu opens in a browser, so no prerendered page has it.
    /// </summary>
    public static void AddTokenRoute(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new TokenRoute());

    /// <summary>Posts a sign-out form as the user menu does (the app needs <see cref="AddTokenRoute"/>).</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient app, string action = "/account/sign-out") =>
        await app.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await app.GetStringAsync(TokenPath),
        }));

    private const string TokenPath = "/test/antiforgery-token";

    private sealed class TokenRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, Func<Task> nextMiddleware) =>
            {
                if (context.Request.Path != TokenPath)
                {
                    await nextMiddleware();
                    return;
                }
                // This runs before the app's authentication: sign the token for the cookie's user, as the page would be.
                context.User = (await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Principal ?? context.User;
                await context.Response.WriteAsync(context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!);
            });
            next(app);
        };
    }

    [GeneratedRegex("<form[^>]* action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

}
