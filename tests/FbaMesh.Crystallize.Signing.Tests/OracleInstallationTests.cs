using FbaMesh.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>
/// A fresh clone's test processes install the Node.js oracle side by side; one that took a half-filled
/// node_modules for an installed one ran the verifier without its dependencies (CI, ERR_MODULE_NOT_FOUND).
/// </summary>
public sealed class OracleInstallationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fbamesh-oracle-").FullName;

    public OracleInstallationTests()
    {
        File.WriteAllText(Path.Combine(folder, "package-lock.json"), """{"lockfileVersion":3}""");

        // What `npm ci` leaves part-way: the oracle's own packages are there, what they import is not yet.
        foreach (var package in new[] { "@crystallize/js-api-client", "jose" })
        {
            var path = Path.Combine(folder, "node_modules", package);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "package.json"), "{}");
        }
    }

    [Fact]
    public void Packages_present_without_the_marker_of_a_finished_install_are_not_an_installation()
    {
        Assert.False(OracleInstallation.IsComplete(folder));

        OracleInstallation.MarkComplete(folder);

        Assert.True(OracleInstallation.IsComplete(folder));
    }

    [Fact]
    public void An_install_of_another_lock_file_is_not_complete_for_this_one()
    {
        OracleInstallation.MarkComplete(folder);

        File.WriteAllText(Path.Combine(folder, "package-lock.json"), """{"lockfileVersion":3,"packages":{}}""");

        Assert.False(OracleInstallation.IsComplete(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
