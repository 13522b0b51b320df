using System.CommandLine;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Footprint;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class FootprintCommand
{
    public static Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Orders pushed through before the second memory reading.", 10_000);
        var env = ServiceEnvironmentOption.Create();
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("footprint", "Each service's start time to ready and resident memory, idle and after N orders.", orders, env, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var settings = new FootprintSettings(parse.GetValue(orders))
            {
                ServiceEnvironment = ServiceEnvironmentOption.Read(parse.GetValue(env)),
            };
            var report = await SpectreProgress.RunAsync(p => FootprintScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(FootprintTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Orders.Clean, report.Orders.Describe());
        });
        return command;
    }
}
