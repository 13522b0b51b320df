using System.Net;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Common;

/// <summary>
/// Plays Crystallize: stores each order in the emulator and sends its signed order-created webhook,
/// retrying (as Crystallize does) while the gateway is unreachable or answers 5xx. Bounded attempts.
/// </summary>
public sealed class WebhookSender(Mesh mesh, int maxAttempts = 60)
{
    private readonly Uri webhookUrl = mesh.Endpoints.GatewayWebhookUrl;
    private long retries;

    /// <summary>Webhook attempts that did not get 202 and were sent again.</summary>
    public long Retries => Interlocked.Read(ref retries);

    public async Task<DateTimeOffset> SendAsync(BenchOrder order, CancellationToken ct)
    {
        mesh.Crystallize!.PutOrder(order.Id, order.Order);
        for (var attempt = 1; ; attempt++)
        {
            var status = await TrySendAsync(order.Id, ct);
            if (status == HttpStatusCode.Accepted)
            {
                return DateTimeOffset.UtcNow;
            }

            if (attempt >= maxAttempts || status is { } s && (int)s is >= 400 and < 500)
            {
                throw new InvalidOperationException($"The gateway did not accept order {order.Id} after {attempt} attempts (last answer: {(status is null ? "no connection" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))}).");
            }

            Interlocked.Increment(ref retries);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), ct);
        }
    }

    /// <summary>Sends every order with at most <paramref name="concurrency"/> in flight.</summary>
    public Task SendAllAsync(IReadOnlyList<BenchOrder> orders, int concurrency, Action<int>? sent, CancellationToken ct)
    {
        var done = 0;
        return Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (order, token) =>
        {
            await SendAsync(order, token);
            sent?.Invoke(Interlocked.Increment(ref done));
        });
    }

    private async Task<HttpStatusCode?> TrySendAsync(string orderId, CancellationToken ct)
    {
        try
        {
            using var answer = await mesh.Crystallize!.SendOrderCreatedWebhookAsync(orderId, webhookUrl, ct);
            return answer.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
