namespace DevPlatform.Web.Identity;

/// <summary>The "Authentication:Oidc" section: the real sign-in, required outside Development.</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
