using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FbaMesh.Testing;

/// <summary>
/// Runs tools/js-oracle under Node.js: V8's JSON.stringify and Crystallize's own verifier are the
/// reference. Installs the oracle's packages with `npm ci` the first time, so a fresh clone needs no
/// manual step. Without Node.js the tests fail with a clear message: skipping would hide a regression.
/// </summary>
public sealed class NodeOracle
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    public NodeOracle()
    {
        Folder = RepositoryPaths.Combine("tools", "js-oracle");
        EnsureInstalled();
    }

    public string Folder { get; }

    /// <summary>Runs one oracle script with <paramref name="stdin"/> as its input and returns its output.</summary>
    public string Run(string script, string stdin) => Execute("node", script, stdin);

    private void EnsureInstalled()
    {
        if (OracleInstallation.IsComplete(Folder))
        {
            return;
        }

        // Other test processes may reach this point at the same time; one installs, the rest wait.
        using var installLock = InstallLock.Acquire(Folder);
        if (!OracleInstallation.IsComplete(Folder))
        {
            Execute(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", $"ci --prefix \"{Folder}\" --no-audit --no-fund", stdin: null);
            OracleInstallation.MarkComplete(Folder);
        }
    }

    private string Execute(string program, string arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };

        using var process = StartOrExplain(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process quit before reading everything; its exit code and stderr below say why.
        }

        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{program} {arguments}` did not finish within {ProcessTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{program} {arguments}` in {Folder} exited with {process.ExitCode}: {errors.Result}");
        }

        return output.Result;
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"`{start.FileName}` did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"`{start.FileName}` was not found. Tests that compare against JavaScript itself "
                + "and need Node.js 20 or later with npm on PATH (https://nodejs.org).",
                ex);
        }
    }
}
