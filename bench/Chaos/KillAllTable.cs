using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Chaos;

public static class KillAllTable
{
    public static Table Render(KillAllReport r)
    {
        var table = new Table().Title($"chaos --durable --kill-all: {r.Settings.Orders} orders, {r.Crashes.Count} crash(es) of the whole mesh")
            .AddColumns("crash", "processes SIGKILLed", "accepted before", "at Amazon when killed", "s into run");
        foreach (var c in r.Crashes)
        {
            table.AddRow(I(c.Number), I(c.ProcessesKilled), I(c.AcceptedBefore), I(c.AtAmazonWhenKilled), c.SecondsIntoRun.ToString("0.0", CultureInfo.InvariantCulture));
        }

        var o = r.Orders;
        table.Caption(
            $"{(r.Clean ? "[green]0 lost, 0 duplicated[/]" : $"[red]{r.Lost} lost, {r.Duplicated} duplicated[/]")}; FBA at Amazon once {o.AtAmazonOnce}/{o.ExpectedAtAmazon}, " +
            $"wrong/unsettled {o.WrongFinalState}/{o.Unsettled}; recovery {r.RecoverySeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
            $"(last create at Amazon − restart; un-acknowledged events return after processingTimeout); total {r.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
