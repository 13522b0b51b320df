using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Chaos;

/// <summary>
/// Amazon moving the run's orders on while the chaos goes on: every order of the run that Amazon holds
/// is moved to Complete soon after it arrives, with the sandbox's own submitFulfillmentOrderStatusUpdate
/// over HTTP, as any caller would. The emulator then ships it (shipments, packages, tracking numbers)
/// and notifies the tracker. A move Amazon refuses now (a 429 storm) is tried again on the next tick; one
/// it refuses for good (the order cannot move to Complete) is counted and left.
/// </summary>
public sealed class AmazonShipper : IDisposable
{
    public const string TargetStatus = "Complete";

    private const string StatusPath = "fba/outbound/2020-07-01/fulfillmentOrders/{0}/status";

    private readonly SpApiEmulatorApp amazon;
    private readonly IReadOnlySet<string> ours;
    private readonly HttpClient http;
    private readonly ConcurrentDictionary<string, DateTimeOffset> moved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> refusedForGood = new(StringComparer.Ordinal);
    private long retried;

    public AmazonShipper(SpApiEmulatorApp amazon, IEnumerable<string> orderIds)
    {
        this.amazon = amazon;
        ours = orderIds.ToHashSet(StringComparer.Ordinal);
        http = new HttpClient { BaseAddress = amazon.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-amz-access-token", amazon.IssueAccessToken());
    }

    /// <summary>The orders moved to Complete, with the time Amazon accepted the move.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Moved => moved;

    /// <summary>Orders Amazon would not move (answered 400): neither shipped nor tried again.</summary>
    public IReadOnlyCollection<string> NotMovable => [.. refusedForGood.Keys];

    /// <summary>Moves Amazon refused for now (429, 5xx, no answer) and tried again.</summary>
    public long Retried => Interlocked.Read(ref retried);

    /// <summary>
    /// Moves every due order each <paramref name="every"/> until <paramref name="stop"/>. A stop ends the
    /// loop between moves, never inside one: a move cut off after Amazon carried it out would be refused
    /// as a repeat by <see cref="MoveAllAsync"/> and its order dropped from the write-back check. Ends
    /// without an exception when stopped.
    /// </summary>
    public async Task RunAsync(TimeSpan every, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await MoveDueAsync(stop, CancellationToken.None);
                await Task.Delay(every, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked to stop during the pause.
        }
    }

    /// <summary>Moves (bounded) until every order of the run that Amazon holds was moved or refused for good.</summary>
    public async Task MoveAllAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await MoveDueAsync(CancellationToken.None, ct) > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// One pass over Amazon's orders, until <paramref name="stopStarting"/> (checked before each move);
    /// <paramref name="ct"/> cuts a move off. Answers how many are still due (not moved, not refused for good).
    /// </summary>
    private async Task<int> MoveDueAsync(CancellationToken stopStarting, CancellationToken ct)
    {
        var due = amazon.FulfillmentOrders
            .Where(o => ours.Contains(o.SellerFulfillmentOrderId) && !moved.ContainsKey(o.SellerFulfillmentOrderId) && !refusedForGood.ContainsKey(o.SellerFulfillmentOrderId))
            .Select(o => o.SellerFulfillmentOrderId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var left = 0;
        foreach (var id in due)
        {
            if (stopStarting.IsCancellationRequested)
            {
                break;
            }

            HttpStatusCode? status;
            try
            {
                using var answer = await http.PutAsJsonAsync(
                    string.Format(CultureInfo.InvariantCulture, StatusPath, Uri.EscapeDataString(id)), new { fulfillmentOrderStatus = TargetStatus }, ct);
                status = answer.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = null;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                status = null;
            }

            if (status is { } s && (int)s is >= 200 and < 300 || status == HttpStatusCode.BadRequest && IsAlreadyMoved(id))
            {
                // A 400 for an order already at the target: an earlier move went through but its answer was lost.
                moved[id] = DateTimeOffset.UtcNow;
            }
            else if (status == HttpStatusCode.BadRequest)
            {
                refusedForGood[id] = (int)HttpStatusCode.BadRequest;
            }
            else
            {
                Interlocked.Increment(ref retried);
                left++;
            }
        }

        return left;
    }

    private bool IsAlreadyMoved(string id) =>
        amazon.FulfillmentOrders.Any(o => o.SellerFulfillmentOrderId == id && o.Status == TargetStatus);
}
