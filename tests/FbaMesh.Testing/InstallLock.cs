using System.Security.Cryptography;
using System.Text;

namespace FbaMesh.Testing;

/// <summary>A lock file in the temp folder, held while one process runs `npm ci` for a folder.</summary>
internal static class InstallLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static FileStream Acquire(string folder)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"fbamesh-js-oracle-{name}.lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process is installing; waiting for it is the whole point of the lock.
                Thread.Sleep(200);
            }
        }
    }
}
