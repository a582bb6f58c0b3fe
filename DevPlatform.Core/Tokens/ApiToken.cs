using System.Text.Json.Serialization;

namespace DevPlatform.Core.Tokens;

public enum ApiTokenScope
{
    [JsonStringEnumMemberName("read-only")] ReadOnly,
    [JsonStringEnumMemberName("read-write")] ReadWrite,
}

/// <summary>A personal API token: it acts as its owner in every team, with their roles, capped by its scope.</summary>
/// <param name="Hint">The first characters of the token, so its owner can tell tokens apart; not enough to use it.</param>
public sealed record ApiToken(string Id, string UserId, string Name, ApiTokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Hint)
{
    public DateTimeOffset? LastUsedAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}

/// <summary>What is stored: the token and the SHA-256 of its secret.</summary>
public sealed record StoredApiToken(ApiToken Token, string SecretHash);

/// <summary>A new token with its secret, shown once.</summary>
public sealed record IssuedApiToken(ApiToken Token, string Secret);

/// <summary>Why a bearer token was refused, in words for the 401 answer.</summary>
public sealed record ApiTokenRejection(string Reason);
