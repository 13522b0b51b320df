using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Mapping;

/// <summary>Amazon's getFulfillmentOrder payload to the gRPC answer.</summary>
internal static class FromAmazon
{
    public static GetFulfillmentOrderResponse Order(string requestedId, GetFulfillmentOrderPayload payload)
    {
        var order = payload.FulfillmentOrder;
        var response = new GetFulfillmentOrderResponse
        {
            SellerFulfillmentOrderId = order?.SellerFulfillmentOrderId ?? requestedId,
            DisplayableOrderId = order?.DisplayableOrderId ?? "",
            FulfillmentOrderStatus = order?.FulfillmentOrderStatus ?? "",
            ReceivedDate = Stamp(order?.ReceivedDate),
            StatusUpdatedDate = Stamp(order?.StatusUpdatedDate),
        };
        response.Items.AddRange((payload.FulfillmentOrderItems ?? []).Select(Item));
        response.Shipments.AddRange((payload.FulfillmentShipments ?? []).Select(Shipment));
        return response;
    }

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
    };

    private static Shipment Shipment(FulfillmentShipmentBody s)
    {
        var shipment = new Shipment
        {
            AmazonShipmentId = s.AmazonShipmentId ?? "",
            FulfillmentCenterId = s.FulfillmentCenterId ?? "",
            FulfillmentShipmentStatus = s.FulfillmentShipmentStatus ?? "",
        };
        shipment.TrackingNumbers.AddRange((s.FulfillmentShipmentPackage ?? [])
            .Select(p => p.TrackingNumber).OfType<string>().Where(t => t.Length > 0));
        return shipment;
    }

    private static Money? Money(MoneyBody? m) => m is null ? null : new Money { CurrencyCode = m.CurrencyCode, Value = m.Value };

    private static Timestamp? Stamp(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
