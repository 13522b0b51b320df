using System.Text.Json.Nodes;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Mapping;
using FbaMesh.FbaSubmitter.Tests.Support;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class MappingTests
{
    [Fact]
    public void The_submit_request_becomes_Amazons_camelCase_body_with_enum_strings_and_ISO_dates()
    {
        var request = Orders.Valid("order-1");

        var json = JsonNode.Parse(ToAmazon.CreateBodyJson(request))!.AsObject();

        Assert.Equal("ATVPDKIKX0DER", (string?)json["marketplaceId"]);
        Assert.Equal("order-1", (string?)json["sellerFulfillmentOrderId"]);
        Assert.Equal("2026-11-20T09:30:00Z", (string?)json["displayableOrderDate"]);
        Assert.Equal("Standard", (string?)json["shippingSpeedCategory"]);
        Assert.Equal("Ship", (string?)json["fulfillmentAction"]);
        Assert.Equal("FillOrKill", (string?)json["fulfillmentPolicy"]);
        Assert.Equal("1234 Amazon Way", (string?)json["destinationAddress"]!["addressLine1"]);
        Assert.Equal("US", (string?)json["destinationAddress"]!["countryCode"]);
        Assert.Equal("Required", (string?)json["featureConstraints"]![0]!["featureFulfillmentPolicy"]);
        Assert.Equal("kari@example.com", (string?)json["notificationEmails"]![0]);
        var item = json["items"]![0]!;
        Assert.Equal(2, (int)item["quantity"]!);
        Assert.Equal("19.99", (string?)item["perUnitDeclaredValue"]!["value"]);
        Assert.Equal("USD", (string?)item["perUnitDeclaredValue"]!["currencyCode"]);
    }

    [Fact]
    public void Unset_fields_are_left_out_not_sent_empty()
    {
        var request = Orders.Valid();
        request.MarketplaceId = "";
        request.FulfillmentAction = FulfillmentAction.Unspecified;
        request.NotificationEmails.Clear();
        request.DestinationAddress.AddressLine2 = "";

        var json = JsonNode.Parse(ToAmazon.CreateBodyJson(request))!.AsObject();

        Assert.False(json.ContainsKey("marketplaceId"));
        Assert.False(json.ContainsKey("fulfillmentAction"));
        Assert.False(json.ContainsKey("notificationEmails"));
        Assert.False(json.ContainsKey("codSettings"));
        Assert.False(json.ContainsKey("deliveryWindow"));
        Assert.False(json["destinationAddress"]!.AsObject().ContainsKey("addressLine2"));
    }

    [Fact]
    public void Every_optional_structure_maps_field_by_field()
    {
        var request = Orders.Valid();
        request.ShippingSpeedCategory = ShippingSpeedCategory.ScheduledDelivery;
        request.DeliveryWindow = new DeliveryWindow
        {
            StartDate = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)),
            EndDate = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 12, 0, 0, 250, TimeSpan.Zero)),
        };
        request.DeliveryPreferences = new DeliveryPreferences
        {
            DeliveryInstructions = "Beware of dogs",
            DropOffLocation = new DropOffLocation { Type = DropOffLocationType.FallbackNeighborDelivery, Attributes = { ["neighborName"] = "Ola", ["houseNumber"] = "12" } },
        };
        request.CodSettings = new CodSettings { IsCodRequired = true, CodCharge = new Money { CurrencyCode = "JPY", Value = "300" } };
        request.PaymentInformation.Add(new PaymentInformation { PaymentTransactionId = "tx-1", PaymentMode = "Other", PaymentDate = request.DisplayableOrderDate });
        request.ShipFromCountryCode = "JP";

        var json = JsonNode.Parse(ToAmazon.CreateBodyJson(request))!.AsObject();

        Assert.Equal("ScheduledDelivery", (string?)json["shippingSpeedCategory"]);
        Assert.Equal("2026-12-01T08:00:00Z", (string?)json["deliveryWindow"]!["startDate"]);
        Assert.Equal("2026-12-01T12:00:00.250Z", (string?)json["deliveryWindow"]!["endDate"]);
        Assert.Equal("FALLBACK_NEIGHBOR_DELIVERY", (string?)json["deliveryPreferences"]!["dropOffLocation"]!["type"]);
        Assert.Equal("Ola", (string?)json["deliveryPreferences"]!["dropOffLocation"]!["attributes"]!["neighborName"]);
        Assert.True((bool)json["codSettings"]!["isCodRequired"]!);
        Assert.Equal("300", (string?)json["codSettings"]!["codCharge"]!["value"]);
        Assert.Equal("tx-1", (string?)json["paymentInformation"]![0]!["paymentTransactionId"]);
        Assert.Equal("2026-11-20T09:30:00Z", (string?)json["paymentInformation"]![0]!["paymentDate"]);
        Assert.Equal("JP", (string?)json["shipFromCountryCode"]);
    }

    [Fact]
    public void Amazons_get_payload_maps_to_the_grpc_answer()
    {
        var payload = new GetFulfillmentOrderPayload(
            new FulfillmentOrderBody("order-1", "6571a3c2", "Processing", DateTimeOffset.Parse("2026-11-20T09:31:00Z", System.Globalization.CultureInfo.InvariantCulture), null),
            [new FulfillmentOrderItemBody("SKU-1", "SKU-1", 2, null, null, null, null, null, null)],
            [new FulfillmentShipmentBody("DKMKLXJmN", "PHL6", "SHIPPED", [new FulfillmentShipmentPackageBody("1Z999"), new FulfillmentShipmentPackageBody(null)])]);

        var answer = FromAmazon.Order("order-1", payload);

        Assert.Equal("Processing", answer.FulfillmentOrderStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 31, 0, TimeSpan.Zero), answer.ReceivedDate.ToDateTimeOffset());
        Assert.Null(answer.StatusUpdatedDate);
        Assert.Equal(2, Assert.Single(answer.Items).Quantity);
        var shipment = Assert.Single(answer.Shipments);
        Assert.Equal("1Z999", Assert.Single(shipment.TrackingNumbers));
    }
}
