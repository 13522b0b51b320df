using System.Net;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh.Demo;
using FbaMesh.DevMesh.Hosting;
using Spectre.Console;

namespace FbaMesh.DevMesh.Cli;

/// <summary>
/// `devmesh demo`: every sample order goes in through the Crystallize emulator's signed webhook, and
/// each must settle as fixtures/expected.json says. Exit code 0 only when all of them do.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(MeshCommandSettings settings, TimeSpan orderTimeout, CancellationToken ct)
    {
        if (!settings.Mesh.UseCrystallizeEmulator)
        {
            AnsiConsole.MarkupLine("[red]demo sends the sample orders through the Crystallize emulator; drop --crystallize real.[/]");
            return 2;
        }

        var expectations = ExpectedOutcome.Load(UpstreamEmulators.FixturesPath(settings.Mesh.RepositoryRoot));
        using var logging = MeshConsole.CreateLogging(settings);
        var running = await MeshConsole.TryStartAsync(settings, logging, ct);
        if (running is null)
        {
            return 1;
        }

        await using (running)
        {
            var verdicts = await SendAndJudgeAsync(running, expectations, orderTimeout, ct);
            AnsiConsole.Write(DemoTable.Render(verdicts));
            var mismatches = verdicts.Count(v => !v.Matches);
            AnsiConsole.MarkupLine(mismatches == 0
                ? $"[green]All {verdicts.Count} sample orders reached their expected outcome.[/]"
                : $"[red]{mismatches} of {verdicts.Count} sample orders did not reach their expected outcome.[/]");
            // The shop's commands first, while Amazon still has the orders Received; then Amazon ships
            // every submitted order but the one the shop cancelled.
            var commandsMatch = await ShowStageCommandsAsync(running, orderTimeout, ct);
            var shipped = verdicts.Where(v => v.Actual?.OrderId != StageCommandsDemo.CancelOrderId).ToList();
            var untracked = await CheckTrackingAsync(running.Mesh, shipped, orderTimeout, ct);
            return mismatches == 0 && untracked == 0 && commandsMatch ? 0 : 1;
        }
    }

    private static async Task<IReadOnlyList<DemoVerdict>> SendAndJudgeAsync(
        RunningMesh running, IReadOnlyList<ExpectedOutcome> expectations, TimeSpan orderTimeout, CancellationToken ct)
    {
        var mesh = running.Mesh;
        var webhook = running.Endpoints.GatewayWebhookUrl;
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var expected in expectations)
        {
            try
            {
                using var answer = await mesh.Crystallize!.SendOrderCreatedWebhookAsync(expected.OrderId, webhook, ct);
                OrderFeed.Print(expected.OrderId, "sent", $"webhook answered {(int)answer.StatusCode}");
                if (answer.StatusCode != HttpStatusCode.Accepted)
                {
                    refused[expected.OrderId] = $"webhook answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}";
                }
            }
            catch (HttpRequestException ex)
            {
                refused[expected.OrderId] = $"webhook not delivered: {ex.Message}";
            }
        }

        var settled = await Task.WhenAll(expectations.Select(e => refused.ContainsKey(e.OrderId)
            ? Task.FromResult<OrderProgress?>(null)
            : SettleAsync(mesh, e.OrderId, orderTimeout, ct)));

        var atAmazon = mesh.SpApi?.FulfillmentOrders;
        return expectations.Zip(settled, (expected, actual) =>
            refused.TryGetValue(expected.OrderId, out var why) ? new DemoVerdict(expected, null, why)
            : atAmazon is null ? DemoVerdict.JudgeStatusOnly(expected, actual)
            : DemoVerdict.Judge(expected, actual, atAmazon)).ToList();
    }

    /// <summary>Amazon ships every submitted order; each must show its tracking number in Crystallize. Answers the misses.</summary>
    private static async Task<int> CheckTrackingAsync(Mesh mesh, IReadOnlyList<DemoVerdict> verdicts, TimeSpan timeout, CancellationToken ct)
    {
        if (mesh.SpApi is null || !mesh.Endpoints.Services.ContainsKey("fulfillment-tracker"))
        {
            return 0;
        }

        var submitted = verdicts
            .Where(v => v.Actual is { Status: OrderProgress.Submitted, SellerFulfillmentOrderId: not null })
            .Select(v => (v.Actual!.OrderId, v.Actual.SellerFulfillmentOrderId!))
            .ToList();
        var tracked = await TrackingCheck.RunAsync(mesh, submitted, timeout, ct);
        foreach (var verdict in tracked)
        {
            OrderFeed.Print(verdict.OrderId, verdict.Matches ? "tracked" : "untracked", verdict.TrackingNumber ?? verdict.Problem ?? "");
        }

        var misses = tracked.Count(t => !t.Matches);
        AnsiConsole.MarkupLine(misses == 0
            ? $"[green]Amazon shipped all {tracked.Count} submitted orders; each shows its tracking number in Crystallize, written once.[/]"
            : $"[red]{misses} of {tracked.Count} shipped orders did not show their tracking in Crystallize exactly once.[/]");
        return misses;
    }

    /// <summary>One release and one cancel from the shop, through the stage webhook (only against the SP-API emulator).</summary>
    private static async Task<bool> ShowStageCommandsAsync(RunningMesh running, TimeSpan timeout, CancellationToken ct)
    {
        if (running.Mesh is not { Crystallize: { } crystallize, SpApi: { } spApi })
        {
            return true;
        }

        var verdicts = await StageCommandsDemo.RunAsync(crystallize, spApi, running.Endpoints.GatewayWebhookUrl, timeout, ct);
        foreach (var verdict in verdicts)
        {
            AnsiConsole.MarkupLine(verdict.Matches
                ? $"[green]Stage (fba, {verdict.StageId}) for {verdict.OrderId}: done at Amazon and in Crystallize.[/]"
                : $"[red]Stage (fba, {verdict.StageId}) for {verdict.OrderId}: MISMATCH: {verdict.Mismatch!.EscapeMarkup()}[/]");
        }

        return verdicts.All(v => v.Matches);
    }

    private static async Task<OrderProgress?> SettleAsync(Mesh mesh, string orderId, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var progress = await mesh.WaitForSettledAsync(orderId, timeout, ct);
            OrderFeed.Print(orderId, progress.Status, progress.ReasonCode ?? progress.SellerFulfillmentOrderId ?? "");
            return progress;
        }
        catch (TimeoutException ex)
        {
            AnsiConsole.MarkupLine($"[red]{ex.Message.EscapeMarkup()}[/]");
            return await mesh.GetOrderAsync(orderId, ct);
        }
    }
}
