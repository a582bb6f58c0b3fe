namespace DevPlatform.Web.Identity;

/// <summary>The "Authentication:Oidc" section: the real sign-in, required outside Development.</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Misconfiguration stops start-up with a message naming the key, instead of failing every request later.</summary>
    public void Validate(bool isDevelopment)
    {
        if (!isDevelopment && !IsConfigured)
            throw new InvalidOperationException(
                "No sign-in is configured. Outside Development set Authentication:Oidc:Authority and Authentication:Oidc:ClientId " +
                "(and Authentication:Oidc:ClientSecret); the development sign-in is switched off there.");
        if (!IsConfigured) return;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && !isDevelopment))
            throw new InvalidOperationException(
                $"Authentication:Oidc:Authority must be an absolute https:// URL outside Development (it is '{Authority}').");
    }
}
