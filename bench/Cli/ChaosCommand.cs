using System.CommandLine;
using FbaMesh.Bench.Chaos;
using FbaMesh.Bench.Common;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class ChaosCommand
{
    public static Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Orders per run (every sample fixture in turn, FBA or not); with --kill-all, orders in all (default 300).", 1000);
        var runs = BenchCommandLine.Option("--runs", "Runs, each a fresh mesh with seed + run - 1.", 1);
        var seed = BenchCommandLine.Option("--seed", "Seed of the kills and faults.", 8);
        var pace = BenchCommandLine.Option("--send-per-second", "Webhook pace while the chaos runs.", 40.0);
        var replicas = BenchCommandLine.ReplicasOption();
        var json = BenchCommandLine.JsonOption();
        var durable = new Option<bool>("--durable") { Description = "Pub/sub and state in a real redis-server (devmesh --durable); needed by --kill-all." };
        var killAll = new Option<bool>("--kill-all") { Description = "SIGKILL devmesh and every process of the mesh at once while orders are in flight, then start it again on the same Redis." };
        var command = BenchCommandLine.Command("chaos", "Orders while services are SIGKILLed and upstreams fail; exits 1 on any loss or duplicate.", orders, runs, seed, pace, replicas, json);
        command.Options.Add(durable);
        command.Options.Add(killAll);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            if (parse.GetValue(killAll))
            {
                if (!parse.GetValue(durable))
                {
                    return ScenarioVerdict.Refused("--kill-all needs --durable: an in-memory mesh loses what it held by design.");
                }

                // The kill-all drill has its own default size (KillAllSettings), the one its docs give.
                var killOrders = parse.GetResult(orders) is { Tokens.Count: > 0 } ? parse.GetValue(orders) : new KillAllSettings().Orders;
                var killSettings = new KillAllSettings(killOrders, parse.GetValue(runs), parse.GetValue(seed));
                var killReport = await SpectreProgress.RunAsync(p => KillAllScenario.RunAsync(killSettings, p, ct));
                AnsiConsole.Write(KillAllTable.Render(killReport));
                await BenchJson.WriteAsync(killReport, parse.GetValue(json), ct);
                return ScenarioVerdict.Of(killReport.Clean, killReport.Orders.Describe());
            }

            if (parse.GetValue(durable))
            {
                return ScenarioVerdict.Refused("--durable is only implemented together with --kill-all (the service-kill chaos runs on the in-process mesh).");
            }

            var settings = new ChaosSettings(parse.GetValue(orders), parse.GetValue(runs), parse.GetValue(seed), parse.GetValue(pace))
            {
                Replicas = BenchCommandLine.Replicas(parse.GetValue(replicas)),
            };
            var report = await SpectreProgress.RunAsync(p => ChaosScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(ChaosTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Clean, string.Join("; ", report.Runs.Select(r =>
                $"run {r.Run}: {r.Orders.Describe()}, write-backs lost {r.WriteBacks.Lost} and duplicated {r.WriteBacks.Duplicated}")));
        });
        return command;
    }
}
