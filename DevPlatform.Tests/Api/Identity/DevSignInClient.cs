using System.Net;
using System.Text.RegularExpressions;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Api.Identity;

/// <summary>Signs in on the development page as a browser would (form post with its antiforgery token) and keeps the cookies.</summary>
public static partial class DevSignInClient
{
    public static HttpClient Create(DevPlatformFactory factory) =>
        factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    /// <returns>The sign-in answer (a redirect when it worked).</returns>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userId, string? host = null)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "dev-sign-in", ["Input.UserId"] = userId, ["Input.DisplayName"] = userId, ["__RequestVerificationToken"] = Token(page),
            }),
        };
        if (host is not null) request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    /// <summary>Posts a sign-out form as the user menu does, token included unless <paramref name="withToken"/> is false.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client, string action = "/account/sign-out", bool withToken = true)
    {
        var fields = new Dictionary<string, string>();
        if (withToken) fields["__RequestVerificationToken"] = Token(await client.GetStringAsync("/account/sign-in"));
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The session cookie a sign-in answer set, as a Cookie header value to replay elsewhere.</summary>
    public static string SessionCookie(HttpResponseMessage signIn) => SessionCookieHeader(signIn).Split(';')[0];

    /// <summary>The whole Set-Cookie header of the session cookie, attributes included.</summary>
    public static string SessionCookieHeader(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("devplatform.session=", StringComparison.Ordinal));

    public static async Task<HttpStatusCode> GetWithCookieAsync(DevPlatformFactory factory, string path, string cookie)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token:\n" + html[..Math.Min(html.Length, 2000)]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
