using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Latency;

public static class LatencyTable
{
    public static Table Render(LatencyReport r)
    {
        var table = new Table().Title($"latency: {r.Settings.Orders} orders one at a time (after {r.Settings.WarmUp} warm-up), plan {r.Settings.Rate}/s burst {r.Settings.Burst}")
            .AddColumns("hop", "p50 ms", "p90 ms", "p99 ms", "max ms", "how measured");
        foreach (var hop in r.Hops)
        {
            table.AddRow(Markup.Escape(hop.Hop), F(hop.Latency.P50), F(hop.Latency.P90), F(hop.Latency.P99), F(hop.Latency.Max), Markup.Escape(hop.HowMeasured));
        }

        table.Caption($"lost {r.Orders.Lost}, duplicated {r.Orders.Duplicated}; load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
