using System.Runtime.Versioning;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Storage.Local;

/// <summary>The embedded mode's signing secret: whoever reads it can sign a link to any blob.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BlobUrlSignerTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeProvider Time = new FixedTime();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));
    private string SecretPath => Path.Combine(_folder, "keys", "blob-url.key");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [UnixFact]
    public void TheSecretIsCreatedReadableByItsOwnerOnlyAndNothingElseIsLeftInItsFolder()
    {
        BlobUrlSigner.FromDataFolder(_folder, Time);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(SecretPath));
        Assert.Equal(32, new FileInfo(SecretPath).Length);
        Assert.Equal([SecretPath], Directory.GetFileSystemEntries(Path.GetDirectoryName(SecretPath)!));
    }

    [UnixFact]
    public void AWorldReadableSecretFromAnEarlierVersionIsNarrowedAndKept()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SecretPath)!);
        File.WriteAllBytes(SecretPath, new byte[32]);
        File.SetUnixFileMode(SecretPath, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = new BlobUrlSigner(new byte[32], Time).Sign("a/b.txt", TimeSpan.FromMinutes(5));

        var signer = BlobUrlSigner.FromDataFolder(_folder, Time);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(SecretPath));
        Assert.Equal(before, signer.Sign("a/b.txt", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void TheSameSecretSignsAfterARestart()
    {
        var first = BlobUrlSigner.FromDataFolder(_folder, Time).Sign("a/b.txt", TimeSpan.FromHours(1));

        var second = BlobUrlSigner.FromDataFolder(_folder, Time).Sign("a/b.txt", TimeSpan.FromHours(1));

        Assert.Equal(first, second);
    }

    /// <summary>One instant, so two links signed in one test have the same expiry.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
