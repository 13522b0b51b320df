using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Outage;

/// <summary>
/// Samples the orders' states during the run and counts those seen Waiting: evidence that the outage
/// parked orders (rather than failing them) and that the redrive, not luck, brought them through.
/// </summary>
internal sealed class WaitingWatch(Mesh mesh, IReadOnlyList<BenchOrder> orders) : IDisposable
{
    private readonly HashSet<string> waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();

    public int WaitingSeen
    {
        get
        {
            lock (this.waiting)
            {
                return this.waiting.Count;
            }
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, this.stop.Token);
        try
        {
            while (true)
            {
                foreach (var order in orders.Where(o => o.GoesToAmazon))
                {
                    var state = await TryGetAsync(order.Id, both.Token);
                    if (state?.Status == OrderProgress.Waiting)
                    {
                        lock (this.waiting)
                        {
                            this.waiting.Add(order.Id);
                        }
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(2), both.Token);
            }
        }
        catch (OperationCanceledException) when (this.stop.IsCancellationRequested)
        {
            // Stopped once everything settled.
        }
    }

    public async Task StopAsync(Task running)
    {
        await this.stop.CancelAsync();
        await running;
    }

    public void Dispose() => this.stop.Dispose();

    private async Task<OrderProgress?> TryGetAsync(string id, CancellationToken ct)
    {
        try
        {
            return await mesh.GetOrderAsync(id, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The client's own timeout (an enricher slow under load), not a stop: look again next round.
            return null;
        }
    }
}
