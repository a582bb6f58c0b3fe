namespace DevPlatform.Web.Identity;

/// <summary>The "Authentication:Oidc" section: the real sign-in, required outside Development.</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for, space-separated; <c>openid</c> is always asked.</summary>
    public string Scope { get; set; } = "openid profile email";

    /// <summary>How signing out of the app also signs out at the provider (see docs/oidc.md).</summary>
    public ProviderSignOut ProviderSignOut { get; set; } = ProviderSignOut.Standard;

    /// <summary>The provider's sign-out URL when its discovery document has none or another is wanted (Amazon Cognito's /logout).</summary>
    public string? EndSessionEndpoint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<string> Scopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend("openid").Distinct();

    /// <summary>Misconfiguration stops start-up with a message naming the key, instead of failing every request later.</summary>
    public void Validate(bool isDevelopment)
    {
        if (!isDevelopment && !IsConfigured)
            throw new InvalidOperationException(
                "No sign-in is configured. Outside Development set Authentication:Oidc:Authority and Authentication:Oidc:ClientId " +
                "(and Authentication:Oidc:ClientSecret); the development sign-in is switched off there.");
        if (!IsConfigured) return;
        if (!IsAllowedUrl(Authority, isDevelopment))
            throw new InvalidOperationException(
                $"Authentication:Oidc:Authority must be an absolute https:// URL outside Development (it is '{Authority}').");
        if (!string.IsNullOrWhiteSpace(EndSessionEndpoint) && !IsAllowedUrl(EndSessionEndpoint, isDevelopment))
            throw new InvalidOperationException(
                $"Authentication:Oidc:EndSessionEndpoint must be an absolute https:// URL outside Development (it is '{EndSessionEndpoint}').");
        if (ProviderSignOut == ProviderSignOut.Cognito && string.IsNullOrWhiteSpace(EndSessionEndpoint))
            throw new InvalidOperationException(
                "Authentication:Oidc:ProviderSignOut is Cognito, so set Authentication:Oidc:EndSessionEndpoint to your user pool domain's " +
                "/logout (https://<domain>.auth.<region>.amazoncognito.com/logout).");
    }

    private static bool IsAllowedUrl(string? url, bool isDevelopment) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (isDevelopment && uri.Scheme == Uri.UriSchemeHttp));
}

/// <summary>What a sign-out does at the identity provider, besides ending the app's session.</summary>
public enum ProviderSignOut
{
    /// <summary>OpenID Connect RP-initiated logout: the end_session_endpoint with id_token_hint and post_logout_redirect_uri.</summary>
    Standard,
    /// <summary>Amazon Cognito's /logout with client_id and logout_uri (its discovery document has no end_session_endpoint).</summary>
    Cognito,
    /// <summary>Only the app's session ends; the provider's stays (the next sign-in may not ask for a password).</summary>
    Off,
}
