using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Footprint;

public static class FootprintTable
{
    public static Table Render(FootprintReport r)
    {
        var table = new Table().Title($"footprint: start to ready and resident memory, idle and after {r.Settings.Orders} orders ({r.OrdersSeconds:0} s)")
            .AddColumns("service", "mesh start → ready ms", "restart → ready ms", "idle RSS MB", "after RSS MB", "highest RSS MB", "VmHWM MB", $"< {FootprintScenario.TargetMb} MB");
        foreach (var s in r.Services)
        {
            table.AddRow(s.AppId, F(s.MeshStartToReadyMs), F(s.RestartToReadyMs), F(s.IdleRssMb), F(s.AfterOrdersRssMb), F(s.HighestRssMb), F(s.PeakHwmMb),
                s.TargetMet ? "[green]ok[/]" : "[red]missed[/]");
        }

        table.Caption($"lost {r.Orders.Lost}, duplicated {r.Orders.Duplicated}; load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string F(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
