using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh.Demo;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FbaMesh.DevMesh.Cli;

/// <summary>The demo's outcome table: each sample order, what fixtures/expected.json wants, what happened.</summary>
internal static class DemoTable
{
    public static IRenderable Render(IReadOnlyList<DemoVerdict> verdicts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]devmesh demo: sample orders[/]");
        table.AddColumn("order");
        table.AddColumn("expected");
        table.AddColumn("actual");
        table.AddColumn("reason / Amazon id");
        table.AddColumn("");
        foreach (var verdict in verdicts)
        {
            var actual = verdict.Actual;
            table.AddRow(
                verdict.Expected.OrderId.EscapeMarkup(),
                $"{verdict.Expected.StatusOf()}{(verdict.Expected.ReasonCode is { } code ? $" ({code})" : "")}".EscapeMarkup(),
                (actual?.Status ?? "-").EscapeMarkup(),
                (actual?.ReasonCode ?? actual?.SellerFulfillmentOrderId ?? "").EscapeMarkup(),
                verdict.Matches ? "[green]ok[/]" : $"[red]MISMATCH: {verdict.Mismatch!.EscapeMarkup()}[/]");
        }

        return table;
    }
}
