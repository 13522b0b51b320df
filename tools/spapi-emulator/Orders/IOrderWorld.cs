namespace FbaMesh.SpApiEmulator;

/// <summary>What an order's flow needs from the emulator around it.</summary>
internal interface IOrderWorld
{
    /// <summary>How long Amazon keeps a held order before cancelling it (14 days).</summary>
    TimeSpan HoldLimit { get; }

    ShipmentPlan PlanFor(string sellerFulfillmentOrderId);

    /// <summary>A package number no other package has, registered so getPackageTrackingDetails finds the order.</summary>
    int NewPackageNumber(FulfillmentOrderRecord order);

    /// <summary>A status change happened (a FULFILLMENT_ORDER_STATUS notification to send).</summary>
    void Publish(OrderEvent change);
}
