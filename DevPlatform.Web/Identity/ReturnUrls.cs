using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace DevPlatform.Web.Identity;

/// <summary>Where the app may send a browser after sign-in: one check, the framework's own, used by every caller.</summary>
public static class ReturnUrls
{
    /// <summary><paramref name="url"/> when it stays on this site ("/projects"), else "/". "//evil", "/\evil" and absolute URLs are refused.</summary>
    public static string Safe(HttpContext context, string? url) =>
        !string.IsNullOrEmpty(url) && new UrlHelper(new ActionContext(context, new(), new ActionDescriptor())).IsLocalUrl(url) ? url : "/";

    /// <summary>The path and query of a URL the framework made absolute on the request's Host, so a forged Host never leaves.</summary>
    public static string Relative(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : uri;
}
