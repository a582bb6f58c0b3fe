using System.Security.Cryptography;
using System.Text;
using DevPlatform.Core.Common;

namespace DevPlatform.Core.Teams.Invitations;

/// <summary>
/// An invitation link's token is "{invitationId}.{secret}": the id finds the invitation by key (no index, so a link works
/// the moment it is made), and the 256-bit secret, compared by hash in constant time, proves the link is the current one.
/// </summary>
public static class InvitationTokens
{
    public static (string Token, string SecretHash) Issue(string invitationId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{invitationId}.{secret}", Hash(secret));
    }

    /// <summary>The invitation id and secret of a well-formed token, or null: a malformed token names nothing.</summary>
    public static (string InvitationId, string Secret)? Parse(string? token)
    {
        if (token is null || token.Length > 120) return null;
        var dot = token.IndexOf('.');
        if (dot < 0) return null;
        var (id, secret) = (token[..dot], token[(dot + 1)..]);
        return Ids.IsWellFormed("inv", id) && secret.Length == 43 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? (id, secret) : null;
    }

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
