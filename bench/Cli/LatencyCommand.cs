using System.CommandLine;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Latency;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class LatencyCommand
{
    public static Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Measured orders (one at a time).", 200);
        var warmUp = BenchCommandLine.Option("--warm-up", "Orders sent first and not counted.", 10);
        var replicas = BenchCommandLine.ReplicasOption();
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("latency", "Orders one at a time below the quota: webhook-to-Amazon latency per hop.", orders, warmUp, replicas, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var settings = new LatencySettings(parse.GetValue(orders), parse.GetValue(warmUp))
            {
                Replicas = BenchCommandLine.Replicas(parse.GetValue(replicas)),
            };
            var report = await SpectreProgress.RunAsync(p => LatencyScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(LatencyTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Orders.Clean, report.Orders.Describe());
        });
        return command;
    }
}
