using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>
/// Runs tools/js-oracle/verify.mjs (Crystallize's own <c>createSignatureVerifier</c> under Node.js).
/// Installs the oracle with `npm ci` when a fresh clone lacks node_modules, under the same lock file
/// the signing tests use, so parallel test projects install it once.
/// </summary>
internal static class CrystallizeJavaScriptVerifier
{
    private static readonly string Folder = RepositoryPaths.Combine("tools", "js-oracle");

    public static string Verify(string casesJson)
    {
        EnsureInstalled();
        return Run("node", "verify.mjs", casesJson);
    }

    private static bool IsInstalled => File.Exists(Path.Combine(Folder, "node_modules", "@crystallize", "js-api-client", "package.json"));

    private static void EnsureInstalled()
    {
        if (IsInstalled)
        {
            return;
        }

        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Folder)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"fbamesh-js-oracle-{name}.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                using var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (!IsInstalled)
                {
                    Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", $"ci --prefix \"{Folder}\" --no-audit --no-fund", null);
                }

                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process holds the lock while it installs.
                Thread.Sleep(200);
            }
        }
    }

    private static string Run(string program, string arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"`{program}` was not found: this test needs Node.js 20+ and npm on PATH.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin ?? string.Empty);
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{program} {arguments}` did not finish.");
            }

            return process.ExitCode == 0
                ? output.Result
                : throw new InvalidOperationException($"`{program} {arguments}` exited with {process.ExitCode}: {errors.Result}");
        }
    }
}
