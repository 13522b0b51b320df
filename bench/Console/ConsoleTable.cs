using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Console;

public static class ConsoleTable
{
    public static Table Render(ConsoleReport r)
    {
        var table = new Table()
            .Title($"console: page times with {r.Settings.Orders} orders in the index ({r.Settings.Requests} requests each; baseline /healthz median {F(r.BaselineMedianMs, "0.00")} ms)")
            .AddColumns("page", "median ms", "p95 ms", "median / baseline", "p95 / baseline", $"p95 < {ConsoleScenario.TargetMs:0} ms");
        foreach (var p in r.Pages)
        {
            table.AddRow(p.Name.EscapeMarkup(), F(p.MedianMs, "0.0"), F(p.P95Ms, "0.0"), F(p.MedianRatio, "0.0"), F(p.P95Ratio, "0.0"), p.TargetMet ? "[green]ok[/]" : "[red]missed[/]");
        }

        table.Caption($"index filled in {F(r.IndexSeconds, "0.0")} s ({F(r.IndexOrdersPerSecond, "0")} orders/s through the enricher's state store and index writer); load {r.Run.LoadAverage}");
        return table;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
