using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Mapping;

/// <summary>
/// Amazon's getFulfillmentOrder and listAllFulfillmentOrders payloads to the gRPC answers. Statuses and
/// codes pass as Amazon spells them (they are enums of its model); a value that is not shaped like a code
/// is not repeated.
/// </summary>
internal static class FromAmazon
{
    public static GetFulfillmentOrderResponse Order(string requestedId, GetFulfillmentOrderPayload payload)
    {
        var order = payload.FulfillmentOrder;
        var response = new GetFulfillmentOrderResponse
        {
            SellerFulfillmentOrderId = order?.SellerFulfillmentOrderId ?? requestedId,
            DisplayableOrderId = order?.DisplayableOrderId ?? "",
            FulfillmentOrderStatus = Code(order?.FulfillmentOrderStatus),
            ReceivedDate = Stamp(order?.ReceivedDate),
            StatusUpdatedDate = Stamp(order?.StatusUpdatedDate),
            FulfillmentAction = Action(order?.FulfillmentAction),
            FulfillmentPolicy = Policy(order?.FulfillmentPolicy),
            MarketplaceId = Code(order?.MarketplaceId),
        };
        response.Items.AddRange((payload.FulfillmentOrderItems ?? []).Select(Item));
        response.Shipments.AddRange((payload.FulfillmentShipments ?? []).Select(Shipment));
        return response;
    }

    public static FulfillmentOrderChange Change(FulfillmentOrderBody order) => new()
    {
        SellerFulfillmentOrderId = order.SellerFulfillmentOrderId ?? "",
        FulfillmentOrderStatus = Code(order.FulfillmentOrderStatus),
        StatusUpdatedDate = Stamp(order.StatusUpdatedDate),
        ReceivedDate = Stamp(order.ReceivedDate),
        FulfillmentAction = Action(order.FulfillmentAction),
    };

    public static FulfillmentAction Action(string? value) => value switch
    {
        "Ship" => FulfillmentAction.Ship,
        "Hold" => FulfillmentAction.Hold,
        _ => FulfillmentAction.Unspecified,
    };

    /// <summary>Amazon's enum values and codes pass; anything else in their place is dropped, not repeated.</summary>
    public static string Code(string? value) => AmazonErrorWording.SafeCode(value) is var code && code != "unrecognised" ? code : "";

    public static Timestamp? Stamp(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static FulfillmentPolicy Policy(string? value) => value switch
    {
        "FillOrKill" => FulfillmentPolicy.FillOrKill,
        "FillAll" => FulfillmentPolicy.FillAll,
        "FillAllAvailable" => FulfillmentPolicy.FillAllAvailable,
        _ => FulfillmentPolicy.Unspecified,
    };

    private static FulfillmentOrderItem Item(FulfillmentOrderItemBody i) => new()
    {
        SellerSku = i.SellerSku ?? "",
        SellerFulfillmentOrderItemId = i.SellerFulfillmentOrderItemId ?? "",
        Quantity = i.Quantity,
        GiftMessage = i.GiftMessage ?? "",
        DisplayableComment = i.DisplayableComment ?? "",
        FulfillmentNetworkSku = i.FulfillmentNetworkSku ?? "",
        PerUnitDeclaredValue = Money(i.PerUnitDeclaredValue),
        PerUnitPrice = Money(i.PerUnitPrice),
        PerUnitTax = Money(i.PerUnitTax),
        CancelledQuantity = i.CancelledQuantity,
        UnfulfillableQuantity = i.UnfulfillableQuantity,
        EstimatedShipDate = Stamp(i.EstimatedShipDate),
        EstimatedArrivalDate = Stamp(i.EstimatedArrivalDate),
        OrderItemDisposition = Code(i.OrderItemDisposition),
    };

    private static Shipment Shipment(FulfillmentShipmentBody s)
    {
        var packages = s.FulfillmentShipmentPackage ?? [];
        var shipment = new Shipment
        {
            AmazonShipmentId = s.AmazonShipmentId ?? "",
            FulfillmentCenterId = s.FulfillmentCenterId ?? "",
            FulfillmentShipmentStatus = Code(s.FulfillmentShipmentStatus),
            ShippingDate = Stamp(s.ShippingDate),
            EstimatedArrivalDate = Stamp(s.EstimatedArrivalDate),
        };
        shipment.TrackingNumbers.AddRange(packages.Select(p => p.TrackingNumber).OfType<string>().Where(t => t.Length > 0));
        shipment.Packages.AddRange(packages.Select(p => new ShipmentPackage
        {
            PackageNumber = p.PackageNumber,
            CarrierCode = p.CarrierCode ?? "",
            TrackingNumber = p.TrackingNumber ?? "",
            AmazonFulfillmentTrackingNumber = p.AmazonFulfillmentTrackingNumber ?? "",
            EstimatedArrivalDate = Stamp(p.EstimatedArrivalDate),
        }));
        shipment.Items.AddRange((s.FulfillmentShipmentItem ?? []).Select(i => new ShipmentItem
        {
            SellerSku = i.SellerSku ?? "",
            SellerFulfillmentOrderItemId = i.SellerFulfillmentOrderItemId ?? "",
            Quantity = i.Quantity,
            PackageNumber = i.PackageNumber ?? 0,
        }));
        return shipment;
    }

    private static Money? Money(MoneyBody? m) => m is null ? null : new Money { CurrencyCode = m.CurrencyCode, Value = m.Value };
}
