namespace FbaMesh.SpApiEmulator;

/// <summary>
/// How the fulfillment center handles one order, so each of Amazon's realities can be produced on demand.
/// The default ships every item in one shipment of one package with its tracking number.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record ShipmentPlan
{
    public static ShipmentPlan Default { get; } = new();

    /// <summary>One shipment per order item (several shipments per order; they leave one clock step apart).</summary>
    public bool ShipmentPerItem { get; init; }

    /// <summary>Packages leave without a tracking number; it is provided one step later ("if provided").</summary>
    public bool TrackingLater { get; init; }

    /// <summary>The first shipment ends CANCELLED_BY_FULFILLER and a new shipment carries its items.</summary>
    public bool FulfillerCancelsFirst { get; init; }

    /// <summary>sellerFulfillmentOrderItemIds Amazon finds no sellable stock for: CompletePartialled, or Unfulfillable when it is all of them.</summary>
    public IReadOnlyList<string> UnfulfillableItems { get; init; } = [];
}
