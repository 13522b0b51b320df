using System.Net;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.DevMesh.Cli;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh.Demo;

/// <summary>
/// The demo's shop commands, after the sample orders settled: the Hold sample order moved to (fba,
/// release) must end with fulfillmentAction Ship at Amazon, and a sample order Amazon still has Received,
/// moved to (fba, cancel), must end Cancelled at Amazon with meta fba-cancel = cancelled in Crystallize.
/// </summary>
public static class StageCommandsDemo
{
    /// <summary>Sample 06: created with Hold (meta fba-hold = true).</summary>
    public const string HoldOrderId = "6724c1cc5e1d4b0012a3f106";

    /// <summary>Sample 02: created with Ship, still Received at the emulated Amazon.</summary>
    public const string CancelOrderId = "6724c1b05e1d4b0012a3f102";

    public const string StageWebhookPath = "/api/webhooks/order/pipeline-stage-changed";

    public static async Task<IReadOnlyList<StageCommandVerdict>> RunAsync(
        CrystallizeEmulatorApp crystallize, SpApiEmulatorApp spApi, Uri orderCreatedWebhook, TimeSpan timeout, CancellationToken ct)
    {
        var stageWebhook = new Uri(orderCreatedWebhook, StageWebhookPath);
        var release = await RunOneAsync(crystallize, stageWebhook, HoldOrderId, "release", timeout, async () =>
        {
            var view = await AmazonOrderView.ReadAsync(spApi, HoldOrderId, ct);
            return view?.FulfillmentAction == "Ship" ? null : $"Amazon's fulfillmentAction is {view?.FulfillmentAction ?? "unknown"}, expected Ship";
        }, ct);
        var cancel = await RunOneAsync(crystallize, stageWebhook, CancelOrderId, "cancel", timeout, async () =>
        {
            var view = await AmazonOrderView.ReadAsync(spApi, CancelOrderId, ct);
            var meta = CancelMeta(crystallize, CancelOrderId);
            return view?.Status == "Cancelled" && meta == "cancelled"
                ? null
                : $"Amazon's status is {view?.Status ?? "unknown"} (expected Cancelled), meta fba-cancel is {meta ?? "absent"} (expected cancelled)";
        }, ct);
        return [release, cancel];
    }

    public static string? CancelMeta(CrystallizeEmulatorApp crystallize, string orderId) =>
        crystallize.Orders.Peek(orderId)?["meta"]?.AsArray()
            .FirstOrDefault(m => m?["key"]?.GetValue<string>() == "fba-cancel")?["value"]?.GetValue<string>();

    private static async Task<StageCommandVerdict> RunOneAsync(
        CrystallizeEmulatorApp crystallize, Uri stageWebhook, string orderId, string stageId, TimeSpan timeout, Func<Task<string?>> check, CancellationToken ct)
    {
        using var answer = await crystallize.MoveToStageAndSendWebhookAsync(orderId, "fba", stageId, stageWebhook, ct);
        if (answer.StatusCode != HttpStatusCode.Accepted)
        {
            return new(orderId, stageId, $"the stage webhook was answered {(int)answer.StatusCode}");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var mismatch = "not checked";
        try
        {
            while ((mismatch = await check()) is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Out of time: the last mismatch says where it stood.
        }

        OrderFeed.Print(orderId, $"(fba, {stageId})", mismatch ?? "done");
        return new(orderId, stageId, mismatch);
    }
}

/// <summary>One demo command and, when it did not end as expected, why.</summary>
public sealed record StageCommandVerdict(string OrderId, string StageId, string? Mismatch)
{
    public bool Matches => Mismatch is null;
}
