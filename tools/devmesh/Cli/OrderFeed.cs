using Spectre.Console;

namespace FbaMesh.DevMesh.Cli;

/// <summary>
/// The live line per order: an order appears when the gateway publishes it (orders.received at the
/// emulated pub/sub) and each later status comes from the enricher's record of it.
/// </summary>
internal sealed class OrderFeed(Mesh mesh)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, string> lastStatus = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await PollAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public static void Print(string orderId, string status, string detail)
    {
        var colour = status switch
        {
            OrderProgress.Submitted => "green",
            OrderProgress.Skipped => "yellow",
            OrderProgress.Failed => "red",
            _ => "blue",
        };
        AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] order {orderId.EscapeMarkup()} [{colour}]{status.ToLowerInvariant()}[/] {detail.EscapeMarkup()}");
    }

    private async Task PollAsync(CancellationToken ct)
    {
        foreach (var orderId in OrderEvents.ReceivedOrderIds(mesh.Sidecars))
        {
            if (lastStatus.TryAdd(orderId, OrderProgress.Received))
            {
                Print(orderId, OrderProgress.Received, "");
            }
        }

        foreach (var (orderId, status) in lastStatus.Where(kv => kv.Value == OrderProgress.Received).ToList())
        {
            var progress = await TryGetAsync(orderId, ct);
            if (progress is not null && progress.Status != status)
            {
                lastStatus[orderId] = progress.Status;
                Print(orderId, progress.Status, Describe(progress));
            }
        }
    }

    private static string Describe(OrderProgress progress) => progress.Status switch
    {
        OrderProgress.Submitted => $"as {progress.SellerFulfillmentOrderId}",
        _ when progress.ReasonCode is not null => $"{progress.ReasonCode}: {progress.ReasonMessage}",
        _ => "",
    };

    private async Task<OrderProgress?> TryGetAsync(string orderId, CancellationToken ct)
    {
        try
        {
            return await mesh.GetOrderAsync(orderId, ct);
        }
        catch (HttpRequestException)
        {
            // The enricher is restarting; the next tick asks again.
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The enricher did not answer within the client's timeout (a loaded machine, a slow store):
            // the next tick asks again. A slow answer must never end the feed, and with it the mesh.
            return null;
        }
    }
}
