using System.Diagnostics;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>
/// The pinned npm tools of tools/emulators (dynalite, fauxqs, Node 22, TypeScript), installed with npm ci from its
/// lockfile when any is missing — once per test run, whoever needs them first.
/// </summary>
public static class TestTools
{
    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tools", "emulators");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <returns>The tools folder.</returns>
    public static async Task<string> EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            string[] expected = [Path.Combine("node_modules", ".bin", "node"), Path.Combine("node_modules", "fauxqs", "dist", "cli.js"),
                Path.Combine("node_modules", "typescript", "bin", "tsc")];
            if (expected.All(p => File.Exists(Path.Combine(Folder, p)))) return Folder;
            var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
            {
                WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}):\n{await output}\n{await errors}");
            return Folder;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
