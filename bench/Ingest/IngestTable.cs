using System.Globalization;
using Spectre.Console;

namespace FbaMesh.Bench.Ingest;

public static class IngestTable
{
    public static Table Render(IngestReport report)
    {
        var where = report.Settings.ChildProcess ? "gateway as a child process" : "gateway in this process";
        var table = new Table().Title($"ingest ({where}): signed webhooks ({report.BodyBytesAverage:0} B bodies), medians of {report.Settings.Rounds} rounds of {report.Settings.RoundSeconds:0.#} s")
            .AddColumns("concurrency", "target", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "KB alloc/req", "gateway ÷ this");
        foreach (var level in report.Levels)
        {
            table.AddRow(Row(level.Concurrency, "baseline (bare Kestrel)", level.Baseline, Verdict(level.ThroughputRatio, level.RatioTargetMet)));
            if (level.MandatoryWork is { } mandatory)
            {
                table.AddRow(Row(level.Concurrency, "mandatory work", mandatory, Verdict(level.RatioToMandatoryWork, level.RatioToMandatoryWork >= IngestScenario.MandatoryWorkRatioTarget)));
            }

            if (level.Peer is { } peer)
            {
                table.AddRow(Row(level.Concurrency, "peer (Node.js)", peer, Verdict(level.RatioToPeer, level.RatioToPeer >= IngestScenario.PeerRatioTarget)));
            }

            table.AddRow(Row(level.Concurrency, "gateway", level.Gateway, level.P99TargetMet ? "" : "[red]p99[/]"));
        }

        foreach (var step in report.Breakdown)
        {
            table.AddRow("", Markup.Escape($"alone: {step.Step}, c={step.Concurrency}"), F(step.OperationsPerSecond, "0"), F(step.Latency.P50, "0.00"), F(step.Latency.P99, "0.00"),
                F(step.Latency.P999, "0.00"), "", F(step.AllocatedKbPerOperation, "0.0"), "");
        }

        table.Caption($"targets at concurrency 32: gateway ÷ baseline ≥ {IngestScenario.RatioTarget}, ÷ mandatory work ≥ {IngestScenario.MandatoryWorkRatioTarget}, ÷ peer ≥ {IngestScenario.PeerRatioTarget}; gateway p99 < {IngestScenario.P99TargetMs} ms; load {report.Run.LoadAverage} → {report.LoadAfter}");
        return table;
    }

    private static string[] Row(int concurrency, string side, SideFigures f, string ratio) =>
    [
        concurrency.ToString(CultureInfo.InvariantCulture), side, F(f.RequestsPerSecond, "0"), F(f.P50Ms, "0.00"), F(f.P99Ms, "0.00"),
        F(f.P999Ms, "0.00"), f.Errors.ToString(CultureInfo.InvariantCulture), F(f.AllocatedKbPerRequest, "0.0"), ratio,
    ];

    private static string Verdict(double ratio, bool met) =>
        $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)} {(met ? "[green]ok[/]" : "[red]below[/]")}";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
