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

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Reads the secret from {data}/keys/blob-url.key, creating it on first start. Anyone who can read it can sign
    /// links to every blob, so on Unix it is created readable by the owner only and an older, wider file is narrowed.
    /// </summary>
    public static BlobUrlSigner FromDataFolder(string dataPath, TimeProvider time)
    {
        var path = Path.Combine(dataPath, "keys", "blob-url.key");
        if (!File.Exists(path)) CreateSecret(path);
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0) File.SetUnixFileMode(path, OwnerOnly);
        return new BlobUrlSigner(File.ReadAllBytes(path), time);
    }

    /// <summary>
    /// Written to a temporary file created owner-only (never readable by others, even before a chmod), then moved into
    /// place, so a second process starting at the same moment never reads a half-written secret.
    /// </summary>
    private static void CreateSecret(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        var temp = Path.Combine(folder, $".blob-url.key.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using (var file = new FileStream(temp, options)) file.Write(RandomNumberGenerator.GetBytes(32));
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the secret first; both use that one.
        }
        finally
        {
            File.Delete(temp);
        }
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
