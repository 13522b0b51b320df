using System.CommandLine;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Ingest;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class IngestCommand
{
    public static Command Create()
    {
        var concurrency = BenchCommandLine.Option<int[]>("--concurrency", "Concurrency levels (closed-loop clients).", [1, 8, 32]);
        concurrency.AllowMultipleArgumentsPerToken = true;
        var rounds = BenchCommandLine.Option("--rounds", "Measured rounds per side and level (rotating baseline, mandatory work, peer, gateway).", 5);
        var seconds = BenchCommandLine.Option("--round-seconds", "Length of one round.", 3.0);
        var gatewaySettings = new Option<string[]>("--gateway-setting") { Description = "Extra gateway configuration NAME=VALUE (repeatable), e.g. OTEL_SDK_DISABLED=true." };
        var child = BenchCommandLine.Option("--child-process", "Load the gateway as devmesh runs it (its own process) instead of in this process.", false);
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("ingest", "Signed webhooks: the gateway (verify + publish) versus bare Kestrel, the mandatory work alone and a Node.js peer.", concurrency, rounds, seconds, gatewaySettings, child, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var settings = new IngestSettings(parse.GetValue(concurrency)!, parse.GetValue(rounds), TimeSpan.FromSeconds(parse.GetValue(seconds)))
            {
                GatewaySettings = parse.GetValue(gatewaySettings) ?? [],
                ChildProcess = parse.GetValue(child),
            };
            var report = await SpectreProgress.RunAsync(p => IngestScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(IngestTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            var failing = report.Levels.Where(l => l.Gateway.Errors > 0 || l.MandatoryWork?.Errors > 0 || l.Peer?.Errors > 0).ToList();
            return ScenarioVerdict.Of(failing.Count == 0, "requests that failed at concurrency " + string.Join(", ", failing.Select(l =>
                $"{l.Concurrency}: gateway {l.Gateway.Errors}, mandatory work {l.MandatoryWork?.Errors ?? 0}, peer {l.Peer?.Errors ?? 0}")));
        });
        return command;
    }
}
