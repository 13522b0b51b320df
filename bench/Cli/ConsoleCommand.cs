using FbaMesh.Bench.Common;
using FbaMesh.Bench.Console;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class ConsoleCommand
{
    public static System.CommandLine.Command Create()
    {
        var orders = BenchCommandLine.Option("--orders", "Orders put into the console's index before the pages are timed.", 10_000);
        var requests = BenchCommandLine.Option("--requests", "Timed requests per page.", 40);
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("console", "Operator console page times with N orders in the index, against the enricher's /healthz in the same run.", orders, requests, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var report = await SpectreProgress.RunAsync(p => ConsoleScenario.RunAsync(new ConsoleSettings(parse.GetValue(orders), parse.GetValue(requests)), p, ct));
            AnsiConsole.Write(ConsoleTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Pages.All(p => p.TargetMet), "pages over the 200 ms p95 target: " + string.Join(", ", report.Pages.Where(p => !p.TargetMet).Select(p => $"{p.Name} {p.P95Ms:0.0} ms")));
        });
        return command;
    }
}
