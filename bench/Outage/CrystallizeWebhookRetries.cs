using System.Globalization;
using System.Net;
using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Outage;

/// <summary>
/// Plays Crystallize's webhook delivery as it really ends: the order is created (stored in the emulator,
/// created now), its order-created webhook is posted and retried with backoff a few times, and then
/// Crystallize gives up. A given-up webhook leaves the order only in Crystallize: the reconciliation
/// sweep must find it.
/// </summary>
public sealed class CrystallizeWebhookRetries(Mesh mesh, int attempts, TimeSpan firstRetry)
{
    private readonly Uri webhookUrl = mesh.Endpoints.GatewayWebhookUrl;
    private long retries;
    private long givenUp;

    public long Retries => Interlocked.Read(ref retries);

    public long GivenUp => Interlocked.Read(ref givenUp);

    /// <returns>True when the gateway accepted the webhook, false when Crystallize gave up.</returns>
    public async Task<bool> CreateAndNotifyAsync(BenchOrder order, CancellationToken ct)
    {
        order.Order["createdAt"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        mesh.Crystallize!.PutOrder(order.Id, order.Order);
        for (var attempt = 1; ; attempt++)
        {
            if (await TrySendAsync(order.Id, ct) == HttpStatusCode.Accepted)
            {
                return true;
            }

            if (attempt >= attempts)
            {
                Interlocked.Increment(ref givenUp);
                return false;
            }

            Interlocked.Increment(ref retries);
            await Task.Delay(firstRetry * Math.Pow(2, attempt - 1), ct);
        }
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
