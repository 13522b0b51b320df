using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh.Demo;

/// <summary>
/// A fulfillment order as the SP-API emulator holds it now (after updates and cancels). Read from the
/// emulator's own view, not through getFulfillmentOrder: a check must not spend the usage plan the mesh's
/// submitter and tracker are pacing against (a 429 would read as "no such order").
/// </summary>
public sealed record AmazonOrderView(string? Status, string? FulfillmentAction)
{
    /// <summary>Null when the emulator holds no order with this id.</summary>
    public static Task<AmazonOrderView?> ReadAsync(SpApiEmulatorApp spApi, string sellerFulfillmentOrderId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spApi);
        ct.ThrowIfCancellationRequested();
        var order = spApi.FulfillmentOrders.FirstOrDefault(o => o.SellerFulfillmentOrderId == sellerFulfillmentOrderId);
        return Task.FromResult(order is null ? null : new AmazonOrderView(order.Status, order.FulfillmentAction));
    }
}
