using System.Collections.Concurrent;
using FbaMesh.FulfillmentTracker.Amazon;

namespace FbaMesh.FulfillmentTracker.Tests.Mesh;

/// <summary>
/// Amazon as the submitter's rpcs show it, held in memory: a test sets each order's picture and moves its
/// status; the change list is every order whose status time is at or after the asked time. Counts calls.
/// </summary>
internal sealed class FakeAmazon : IAmazonOrders
{
    private readonly ConcurrentDictionary<string, AmazonOrder> orders = new(StringComparer.Ordinal);

    public ConcurrentDictionary<int, AmazonPackageTracking> Tracking { get; } = new();

    public int GetCalls => this.getCalls;

    public int ListCalls => this.listCalls;

    /// <summary>While true every call fails as an unreachable submitter does.</summary>
    public bool Down { get; set; }

    /// <summary>Orders per page of the change list.</summary>
    public int PageSize { get; set; } = 2;

    private int getCalls;
    private int listCalls;

    public void Set(AmazonOrder order) => this.orders[order.SellerFulfillmentOrderId] = order;

    public Task<AmazonOrder?> GetOrderAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref this.getCalls);
        ThrowIfDown();
        return Task.FromResult(this.orders.TryGetValue(sellerFulfillmentOrderId, out var order) ? order : null);
    }

    public Task<AmazonChangesPage> ListChangesAsync(DateTimeOffset since, string? nextToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref this.listCalls);
        ThrowIfDown();
        var changed = this.orders.Values
            .Where(o => o.StatusUpdatedAt >= since)
            .OrderBy(o => o.StatusUpdatedAt).ThenBy(o => o.SellerFulfillmentOrderId, StringComparer.Ordinal)
            .Select(o => new AmazonChange(o.SellerFulfillmentOrderId, o.Status, o.StatusUpdatedAt))
            .ToList();
        var skip = nextToken is null ? 0 : int.Parse(nextToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = changed.Skip(skip).Take(PageSize).ToList();
        var next = skip + PageSize < changed.Count ? (skip + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new AmazonChangesPage(page, next));
    }

    public Task<AmazonPackageTracking?> GetPackageTrackingAsync(int packageNumber, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(Tracking.TryGetValue(packageNumber, out var tracking) ? tracking : null);
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new AmazonUnavailableException("GetFulfillmentOrder: Unavailable");
        }
    }
}
