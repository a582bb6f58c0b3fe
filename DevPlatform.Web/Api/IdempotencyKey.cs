using DevPlatform.Core.Common;

namespace DevPlatform.Web.Api;

/// <summary>
/// The Idempotency-Key request header of creates: a client that lost the answer to a create sends the same key again
/// and gets the same project back instead of a second one.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <returns>The key, or null when none was sent.</returns>
    /// <exception cref="ValidationFailedException">The header is repeated, too long or not printable ASCII.</exception>
    public static string? Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return null;
        if (values.Count != 1) throw Invalid("Send one Idempotency-Key header.");
        var key = values[0] ?? "";
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
            throw Invalid($"An Idempotency-Key is 1 to {MaxLength} printable ASCII characters without spaces, for example a UUID.");
        return key;
    }

    private static ValidationFailedException Invalid(string message) => new(Header, message);
}
