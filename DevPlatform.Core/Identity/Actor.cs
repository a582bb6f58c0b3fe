namespace DevPlatform.Core.Identity;

/// <summary>The signed-in user on whose behalf a service call runs.</summary>
public sealed record Actor(string UserId, string DisplayName)
{
    /// <summary>From the identity provider's <c>email</c> claim, when it sends one.</summary>
    public string? Email { get; init; }

    /// <summary>From the identity provider's <c>picture</c> claim: an absolute http(s) URL, when it sends one.</summary>
    public string? PictureUrl { get; init; }

    /// <summary>True for calls made with a read-only API token: whatever the role, only reads are allowed.</summary>
    public bool ReadOnly { get; init; }
}
