using System.Security.Cryptography;

namespace FbaMesh.Testing;

/// <summary>
/// Whether tools/js-oracle's packages are wholly installed. `npm ci` empties node_modules and then fills it
/// package by package, so the presence of any package's files says nothing while another test process is
/// still installing. Only a marker written after `npm ci` succeeded, naming the lock file it installed, does.
/// </summary>
public static class OracleInstallation
{
    private const string MarkerName = ".fbamesh-installed";

    public static bool IsComplete(string folder)
    {
        var marker = Path.Combine(folder, "node_modules", MarkerName);
        return File.Exists(marker) && File.ReadAllText(marker) == LockHash(folder);
    }

    /// <summary>Call only after `npm ci` for <paramref name="folder"/> exited with 0.</summary>
    public static void MarkComplete(string folder) =>
        File.WriteAllText(Path.Combine(folder, "node_modules", MarkerName), LockHash(folder));

    // A changed lock file means different packages: the old install is not complete for it.
    private static string LockHash(string folder) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "package-lock.json"))));
}
