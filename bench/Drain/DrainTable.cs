using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Drain;

public static class DrainTable
{
    public static Table Render(DrainReport r)
    {
        var table = new Table().Title($"drain: {r.Settings.Orders} orders, Amazon create plan {r.Settings.Rate}/s burst {r.Settings.Burst}")
            .AddColumns("figure", "value");
        Add(table, "enricher deliveries in flight (pub/sub concurrency)", r.Settings.EnricherDeliveriesInFlight.ToString(CultureInfo.InvariantCulture));
        Add(table, "machine before the burst", Quiet(r.QuietBeforeBurst));
        Add(table, "webhooks sent in", $"{F(r.SendSeconds)} s");
        Add(table, "time until every order was created", $"{F(r.SecondsToAllCreated)} s");
        Add(table, "first create → last create (T)", $"{F(r.CreateWindowSeconds)} s");
        Add(table, "creates", r.Creates.ToString(CultureInfo.InvariantCulture));
        Add(table, "creates per second over T", $"{F(r.CreatesPerSecond)} /s");
        Add(table, "efficiency = creates / (B + R·T)", $"{r.Efficiency.ToString("0.000", CultureInfo.InvariantCulture)} {Ok(r.EfficiencyTargetMet)} (target ≥ {DrainScenario.EfficiencyTarget})");
        Add(table, "steady rate after the burst", $"{F(r.SteadyRatePerSecond)} /s (plan {r.Settings.Rate} /s)");
        Add(table, "429s met (total / after the burst)", $"{r.Throttled} / {r.ThrottledAfterBurst} {Ok(r.NoThrottleAfterBurst)}");
        Add(table, "duplicate creates refused by Amazon", r.DuplicatesRefused.ToString(CultureInfo.InvariantCulture));
        Add(table, "lost / duplicated", $"{r.Orders.Lost} / {r.Orders.Duplicated} {Ok(r.Orders.Clean)}");
        if (r.WarmUpOrders is { } warm)
        {
            Add(table, "warm-up before the burst (lost / duplicated)", $"{warm.Orders} orders ({warm.Lost} / {warm.Duplicated}) {Ok(warm.Clean)}");
        }

        table.Caption($"load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string Quiet(Common.QuietWait? quiet) => quiet switch
    {
        null => "not waited for (--quiet-before-burst 0)",
        { IdleShare: null } => "not measured (no /proc/stat)",
        { Settled: true } q => $"quiet after {F(q.WaitedSeconds)} s ({q.IdleShare:P0} idle over 1 s)",
        var q => $"[yellow]not quiet[/] after {F(q.WaitedSeconds)} s ({q.IdleShare:P0} idle over 1 s, {DrainSettings.QuietIdleShare:P0} wanted)",
    };

    internal static string Ok(bool met) => met ? "[green]ok[/]" : "[red]missed[/]";

    private static void Add(Table table, string name, string value) => table.AddRow(Markup.Escape(name), value);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
