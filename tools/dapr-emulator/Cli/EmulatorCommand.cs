using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Cli;

/// <summary>`--run-file dapr.yaml [--app-id X ...] [--dapr-api-token T] [--app-api-token T]`.</summary>
internal static class EmulatorCommand
{
    public static RootCommand Create()
    {
        var runFile = new Option<FileInfo>("--run-file") { Description = "Dapr multi-app run file (dapr.yaml).", Required = true };
        var appIds = new Option<string[]>("--app-id") { Description = "Serve only these apps (repeatable); default every app.", AllowMultipleArgumentsPerToken = true };
        var daprToken = new Option<string?>("--dapr-api-token") { Description = "DAPR_API_TOKEN for every sidecar (default: the DAPR_API_TOKEN variable, then each app's env in the run file)." };
        var appToken = new Option<string?>("--app-api-token") { Description = "APP_API_TOKEN for every sidecar (default: the APP_API_TOKEN variable, then each app's env in the run file)." };
        var command = new RootCommand("FbaMesh Dapr sidecar emulator: serves each app's Dapr HTTP and gRPC ports from dapr.yaml. Development and tests only.")
        {
            runFile, appIds, daprToken, appToken,
        };
        command.SetAction(async (result, ct) =>
        {
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
            var logger = logging.CreateLogger("FbaMesh.DaprEmulator");
            try
            {
                var options = EmulatorRun.Select(
                    DaprEmulatorHost.ReadRunFile(result.GetValue(runFile)!.FullName),
                    result.GetValue(appIds) ?? [],
                    result.GetValue(daprToken) ?? Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
                    result.GetValue(appToken) ?? Environment.GetEnvironmentVariable("APP_API_TOKEN"));
                await using var host = await DaprEmulatorHost.StartAsync(options, logging, ct);
                logger.LogInformation("Dapr emulator ready with {Count} sidecar(s); Ctrl+C stops it.", host.Sidecars.Count);
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                logger.LogInformation("Dapr emulator stopping.");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException or ArgumentException)
            {
                logger.LogError("Dapr emulator cannot start: {Reason}", ex.Message);
                return 2;
            }
        });
        return command;
    }
}
