using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Outage;

public static class OutageTable
{
    public static Table Render(OutageReport r)
    {
        var table = new Table().Title($"outage: Amazon 503 for {r.Settings.AmazonMinutes} min, gateway down for {r.Settings.GatewayMinutes} min, {r.Orders} orders")
            .AddColumns("figure", "value");
        var d = r.Detail;
        table.AddRow("FBA at Amazon once", $"{d.AtAmazonOnce}/{d.ExpectedAtAmazon}");
        table.AddRow("lost", Flag(r.Lost));
        table.AddRow("duplicated", Flag(r.Duplicated));
        table.AddRow("operator actions", Flag(r.OperatorActions));
        table.AddRow("wrong / unsettled final state", $"{d.WrongFinalState}/{d.Unsettled}");
        table.AddRow("orders seen Waiting", I(r.WaitingSeen));
        table.AddRow("webhooks Crystallize gave up (found by the sweep)", r.WebhooksGivenUp.ToString(CultureInfo.InvariantCulture));
        table.AddRow("webhook retries", r.WebhookRetries.ToString(CultureInfo.InvariantCulture));
        table.AddRow("final states", Markup.Escape(string.Join(", ", d.FinalStates.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))));
        table.AddRow("recovery → settled s", r.RecoveryToSettledSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        foreach (var phase in r.Phases)
        {
            table.AddRow(Markup.Escape(phase.Name), $"{phase.StartSeconds:0.0} s → {phase.EndSeconds:0.0} s");
        }

        table.Caption($"{(r.Clean ? "[green]0 lost, 0 duplicated, 0 operator actions[/]" : "[red]not clean[/]")}; recovery = end of the gateway outage → every order settled; load {r.Run.LoadAverage} → {r.LoadAfter}");
        return table;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(int value) => value == 0 ? "[green]0[/]" : $"[red]{value}[/]";
}
