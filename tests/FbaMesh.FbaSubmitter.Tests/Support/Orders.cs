using FbaMesh.Contracts.Fulfillment.V1;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>Submit requests as the enricher sends them.</summary>
public static class Orders
{
    public static SubmitFulfillmentOrderRequest Valid(string? id = null)
    {
        var request = new SubmitFulfillmentOrderRequest
        {
            MarketplaceId = "ATVPDKIKX0DER",
            SellerFulfillmentOrderId = id ?? NewId(),
            DisplayableOrderId = "6571a3c2f0e1d2c3b4a59687",
            DisplayableOrderDate = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero)),
            DisplayableOrderComment = "Thank you for your order!",
            ShippingSpeedCategory = ShippingSpeedCategory.Standard,
            FulfillmentAction = FulfillmentAction.Ship,
            FulfillmentPolicy = FulfillmentPolicy.FillOrKill,
            DestinationAddress = new Address
            {
                Name = "Kari Nordmann",
                AddressLine1 = "1234 Amazon Way",
                AddressLine2 = "Suite 123",
                City = "Troy",
                StateOrRegion = "MI",
                PostalCode = "48084",
                CountryCode = "US",
                Phone = "+1 555 0100",
            },
        };
        request.NotificationEmails.Add("kari@example.com");
        request.FeatureConstraints.Add(new FeatureSettings { FeatureName = "BLOCK_AMZL", FeatureFulfillmentPolicy = FeatureFulfillmentPolicy.Required });
        request.Items.Add(new FulfillmentOrderItem
        {
            SellerSku = "CRYSTAL-BLUE-01",
            SellerFulfillmentOrderItemId = "CRYSTAL-BLUE-01",
            Quantity = 2,
            PerUnitDeclaredValue = new Money { CurrencyCode = "USD", Value = "19.99" },
        });
        return request;
    }

    public static string NewId() => "fbamesh-" + Guid.NewGuid().ToString("N")[..24];
}
