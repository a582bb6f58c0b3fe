using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DevPlatform.Core.Storage.Blobs.Local;

/// <summary>
/// Signs embedded-mode download URLs with HMAC-SHA256 over key and expiry, using a secret kept in the data folder,
/// so a link keeps working across restarts and stops working when it expires or is altered.
/// </summary>
public sealed class BlobUrlSigner(byte[] secret, TimeProvider time)
{
    public const string RoutePrefix = "/blobs/";

    public static BlobUrlSigner FromDataFolder(string dataPath, TimeProvider time)
    {
        var path = Path.Combine(dataPath, "keys", "blob-url.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
        }
        return new BlobUrlSigner(File.ReadAllBytes(path), time);
    }

    public Uri Sign(string key, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var path = RoutePrefix + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{path}?expires={expires}&signature={Signature(key, expires)}", UriKind.Relative);
    }

    /// <summary>True when the signature matches the key and expiry and the expiry is still ahead.</summary>
    public bool IsValid(string key, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || signature is null) return false;
        if (time.GetUtcNow().ToUnixTimeSeconds() > expiresAt) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(key, expiresAt));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private string Signature(string key, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{key}\n{expires}")));
}
