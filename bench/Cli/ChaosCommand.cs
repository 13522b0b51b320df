using System.CommandLine;
using FbaMesh.Bench.Chaos;
using FbaMesh.Bench.Common;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class ChaosCommand
{
    public static Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Orders per run (every sample fixture in turn, FBA or not).", 1000);
        var runs = BenchCommandLine.Option("--runs", "Runs, each a fresh mesh with seed + run - 1.", 1);
        var seed = BenchCommandLine.Option("--seed", "Seed of the kills and faults.", 8);
        var pace = BenchCommandLine.Option("--send-per-second", "Webhook pace while the chaos runs.", 40.0);
        var replicas = BenchCommandLine.ReplicasOption();
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("chaos", "Orders while services are SIGKILLed and upstreams fail; exits 1 on any loss or duplicate.", orders, runs, seed, pace, replicas, json);
        command.SetAction(async (parse, ct) =>
        {
            var settings = new ChaosSettings(parse.GetValue(orders), parse.GetValue(runs), parse.GetValue(seed), parse.GetValue(pace))
            {
                Replicas = BenchCommandLine.Replicas(parse.GetValue(replicas)),
            };
            var report = await SpectreProgress.RunAsync(p => ChaosScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(ChaosTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return report.Clean ? 0 : 1;
        });
        return command;
    }
}
