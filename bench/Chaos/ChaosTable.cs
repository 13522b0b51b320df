using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Chaos;

public static class ChaosTable
{
    public static Table Render(ChaosReport r)
    {
        var table = new Table().Title($"chaos: {r.Settings.Orders} orders per run, {r.Runs.Count} run(s), seed {r.Settings.Seed}")
            .AddColumns("run", "kills", "tracker kills", "faults", "webhook retries", "FBA at Amazon once", "lost", "duplicated", "wrong/unsettled", "final states", "at Amazon when chaos ended", "recovery s", "settle s",
                "shipped: tracking in Crystallize", "write-backs lost", "write-backs duplicated", "writes (max per order)", "write-back s");
        foreach (var run in r.Runs)
        {
            var o = run.Orders;
            table.AddRow(
                I(run.Run), I(run.Kills), I(run.KillsByApp.GetValueOrDefault("fulfillment-tracker")), I(run.Faults), run.WebhookRetries.ToString(CultureInfo.InvariantCulture), $"{o.AtAmazonOnce}/{o.ExpectedAtAmazon}",
                Flag(o.Lost), Flag(o.Duplicated), $"{o.WrongFinalState}/{o.Unsettled}",
                Markup.Escape(string.Join(", ", o.FinalStates.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))),
                I(run.AtAmazonWhenChaosEnded), run.RecoverySeconds.ToString("0.0", CultureInfo.InvariantCulture), run.SettleSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                $"{run.WriteBacks.TrackingWritten}/{run.WriteBacks.Shipped}", Flag(run.WriteBacks.Lost), Flag(run.WriteBacks.Duplicated),
                $"{run.WriteBacks.Writes} ({run.WriteBacks.MaxWritesPerOrder})", run.WriteBackSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        table.Caption($"{(r.Clean ? "[green]0 lost, 0 duplicated, write-backs: 0 lost, 0 duplicated[/]" : $"[red]{r.Lost} lost, {r.Duplicated} duplicated, write-backs: {r.LostWriteBacks} lost, {r.DuplicatedWriteBacks} duplicated[/]")}; recovery = last create at Amazon − end of chaos (the backlog left then drains at the quota); load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(int value) => value == 0 ? "[green]0[/]" : $"[red]{value}[/]";
}
