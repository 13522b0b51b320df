using System.CommandLine;
using FbaMesh.Bench.Common;
using FbaMesh.Bench.Outage;
using Spectre.Console;

namespace FbaMesh.Bench.Cli;

internal static class OutageCommand
{
    public static Command Create()
    {
        var amazon = BenchCommandLine.Option("--amazon-minutes", "Minutes Amazon answers 503 while orders keep arriving.", 4.0);
        var gateway = BenchCommandLine.Option("--gateway-minutes", "Minutes the gateway is down afterwards (Crystallize gives up on those webhooks).", 2.0);
        var pace = BenchCommandLine.Option("--send-per-second", "Orders created per second for the whole run.", 4.0);
        var calm = BenchCommandLine.Option("--calm-seconds", "Normal traffic before, between and after the outages.", 15.0);
        var json = BenchCommandLine.JsonOption();
        var command = BenchCommandLine.Command("outage", "A long Amazon outage and a gateway outage with given-up webhooks; exits 1 on any loss, duplicate or operator action.", amazon, gateway, pace, calm, json);
        ScenarioAction.Set(command, json, async (parse, ct) =>
        {
            var settings = new OutageSettings(parse.GetValue(amazon), parse.GetValue(gateway), parse.GetValue(pace))
            {
                Calm = TimeSpan.FromSeconds(parse.GetValue(calm)),
            };
            var report = await SpectreProgress.RunAsync(p => OutageScenario.RunAsync(settings, p, ct));
            AnsiConsole.Write(OutageTable.Render(report));
            await BenchJson.WriteAsync(report, parse.GetValue(json), ct);
            return ScenarioVerdict.Of(report.Clean, $"{report.Detail.Describe()}; operator actions {report.OperatorActions}");
        });
        return command;
    }
}
