using System.CommandLine;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Drain;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class DrainCommand
{
    public static Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Orders in the burst.", 1000);
        var rate = BenchCommandLine.Option("--rate", "Amazon's createFulfillmentOrder rate R (and the submitter's SpApi:CreateRate).", 50.0);
        var burst = BenchCommandLine.Option("--burst", "Amazon's burst B (and the submitter's SpApi:CreateBurst).", 30);
        var margin = new Option<double?>("--pacing-margin") { Description = "Submitter SpApi:PacingMargin (default: the service's own, 0.03)." };
        var warmUp = BenchCommandLine.Option("--warm-up", "Orders sent through the mesh first and not counted (JIT, pools, tokens); the plan refills before the burst.", 0);
        var inFlight = new Option<int?>("--deliveries-in-flight")
        {
            Description = "The enricher sidecar's pub/sub deliveries in flight (concurrency); default: sized from --rate (0.8 s of the rate, 10–100).",
        };
        inFlight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--deliveries-in-flight must be at least 1.");
            }
        });
        var quiet = BenchCommandLine.Option("--quiet-before-burst", "Seconds to wait at most, before the burst, for the CPU to be 90 % idle over one second (0: no wait).", 20.0);
        quiet.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 600)
            {
                result.AddError("--quiet-before-burst must be between 0 and 600 seconds.");
            }
        });
        var env = ServiceEnvironmentOption.Create();
        var replicas = BenchCommandLine.ReplicasOption();
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("drain", "A burst of orders against Amazon's usage plan: time, efficiency, 429s, loss.", orders, rate, burst, margin, warmUp, inFlight, quiet, env, replicas, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var settings = new DrainSettings(parse.GetValue(orders), parse.GetValue(rate), parse.GetValue(burst), PacingMargin: parse.GetValue(margin))
            {
                ServiceEnvironment = ServiceEnvironmentOption.Read(parse.GetValue(env)),
                Replicas = BenchCommandLine.Replicas(parse.GetValue(replicas)),
                WarmUp = parse.GetValue(warmUp),
                DeliveriesInFlight = parse.GetValue(inFlight),
                QuietBeforeBurst = TimeSpan.FromSeconds(parse.GetValue(quiet)),
            };
            var report = await SpectreProgress.RunAsync(p => DrainScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(DrainTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Clean, report.Describe());
        });
        return command;
    }
}
