using System.Diagnostics;
using System.Reflection;
using System.Text;
using FbaMesh.DevMesh;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>
/// devmesh started the way a developer starts it, from its built dll, with fresh ports and its own
/// endpoints file and log folder, so several can run at once.
/// </summary>
internal sealed class DevMeshProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly DirectoryInfo folder;

    private DevMeshProcess(Process process, DirectoryInfo folder)
    {
        this.process = process;
        this.folder = folder;
    }

    public static string Configuration { get; } = typeof(DevMeshProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BuildConfiguration").Value!;

    public static string Dll => RepositoryPaths.Combine("tools", "devmesh", "bin", Configuration, "net10.0", "FbaMesh.DevMesh.dll");

    public int Id => process.Id;

    public string EndpointsFile => Path.Combine(folder.FullName, "endpoints.json");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static DevMeshProcess Start(params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("devmesh-test-");
        var process = Launch([.. arguments, "--free-ports",
            "--endpoints-file", Path.Combine(folder.FullName, "endpoints.json"),
            "--log-directory", Path.Combine(folder.FullName, "logs")]);
        var devmesh = new DevMeshProcess(process, folder);
        process.OutputDataReceived += (_, e) => devmesh.Append(e.Data);
        process.ErrorDataReceived += (_, e) => devmesh.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return devmesh;
    }

    /// <summary>Another devmesh command (restart, kill) against this one's endpoints file.</summary>
    public async Task<(int ExitCode, string Output)> CommandAsync(params string[] arguments)
    {
        using var command = Launch([.. arguments, "--endpoints-file", EndpointsFile]);
        var text = await command.StandardOutput.ReadToEndAsync() + await command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        return (command.ExitCode, text);
    }

    /// <summary>Waits for the mesh to be up: devmesh writes the endpoints file once every service is ready.</summary>
    public async Task<MeshEndpoints> WaitForEndpointsAsync()
    {
        await Eventually.UntilAsync(() => File.Exists(EndpointsFile) || process.HasExited, "devmesh to write its endpoints file", TimeSpan.FromSeconds(180));
        return File.Exists(EndpointsFile)
            ? MeshEndpoints.FromJson(await File.ReadAllTextAsync(EndpointsFile))
            : throw new InvalidOperationException($"devmesh exited with {process.ExitCode}:\n{Output}");
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static Process Launch(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
