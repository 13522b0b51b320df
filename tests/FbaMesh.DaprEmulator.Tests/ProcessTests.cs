using System.Diagnostics;
using System.Net;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>The emulator as a process: `FbaMesh.DaprEmulator --run-file dapr.yaml` serves each app's Dapr ports.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_command_line_serves_every_app_of_the_run_file_and_stops_on_sigterm()
    {
        var folder = Directory.CreateTempSubdirectory("dapr-emulator-run-");
        var (httpA, grpcA, httpB, grpcB) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        var runFile = Path.Combine(folder.FullName, "dapr.yaml");
        await File.WriteAllTextAsync(runFile, $"""
            version: 1
            common:
              resourcesPath: {Sidecars.ResourcesPath}
            apps:
              - appID: publisher
                appDirPath: {Sidecars.AppDirectory}
                daprHTTPPort: {httpA}
                daprGRPCPort: {grpcA}
              - appID: outsider
                appDirPath: {Sidecars.AppDirectory}
                daprHTTPPort: {httpB}
                daprGRPCPort: {grpcB}
            """);
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FbaMesh.DaprEmulator.dll"), "--run-file", runFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient();
            foreach (var port in new[] { httpA, httpB })
            {
                await Eventually.UntilAsync(async () => await HealthAsync(http, port) == HttpStatusCode.NoContent, $"healthz on {port}");
            }

            Stop(process);
            await process.WaitForExitAsync().WaitAsync(Eventually.DefaultTimeout);
            var log = await output + await errors;
            Assert.True(OperatingSystem.IsWindows() || process.ExitCode == 0, $"exit code {process.ExitCode}:\n{log}");
            Assert.Contains($"Dapr HTTP port {httpA}, gRPC port {grpcA}", log, StringComparison.Ordinal);
            Assert.Contains($"Dapr HTTP port {httpB}, gRPC port {grpcB}", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            folder.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode?> HealthAsync(HttpClient http, int port)
    {
        try
        {
            return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v1.0/healthz"))).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, as an orchestrator or Ctrl+C stops it (Windows has no SIGTERM: kill).</summary>
    private static void Stop(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill();
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
