using System.Globalization;
using System.Text.Json;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Mapping;

/// <summary>The gRPC submit request to Amazon's CreateFulfillmentOrderRequest, field by field.</summary>
internal static class ToAmazon
{
    public static string CreateBodyJson(SubmitFulfillmentOrderRequest r) =>
        JsonSerializer.Serialize(CreateBody(r), AmazonJsonContext.Default.CreateFulfillmentOrderBody);

    public static CreateFulfillmentOrderBody CreateBody(SubmitFulfillmentOrderRequest r) => new(
        Text(r.MarketplaceId),
        r.SellerFulfillmentOrderId,
        r.DisplayableOrderId,
        Iso(r.DisplayableOrderDate),
        r.DisplayableOrderComment,
        r.ShippingSpeedCategory.ToAmazon()!,
        r.DeliveryWindow is { } w ? new DeliveryWindowBody(Iso(w.StartDate), Iso(w.EndDate)) : null,
        Address(r.DestinationAddress),
        r.DeliveryPreferences is { } p ? Preferences(p) : null,
        r.FulfillmentAction.ToAmazon(),
        r.FulfillmentPolicy.ToAmazon(),
        r.CodSettings is { } c ? new CodSettingsBody(c.IsCodRequired, Money(c.CodCharge), Money(c.CodChargeTax), Money(c.ShippingCharge), Money(c.ShippingChargeTax)) : null,
        Text(r.ShipFromCountryCode),
        r.NotificationEmails.Count > 0 ? [.. r.NotificationEmails] : null,
        r.FeatureConstraints.Count > 0 ? [.. r.FeatureConstraints.Select(f => new FeatureSettingsBody(Text(f.FeatureName), f.FeatureFulfillmentPolicy.ToAmazon()))] : null,
        [.. r.Items.Select(Item)],
        r.PaymentInformation.Count > 0 ? [.. r.PaymentInformation.Select(p => new PaymentInformationBody(p.PaymentTransactionId, p.PaymentMode, Iso(p.PaymentDate)))] : null);

    /// <summary>getFulfillmentPreview for the order as it would be created, at the shipping speed it would be created with.</summary>
    public static string PreviewBodyJson(SubmitFulfillmentOrderRequest r) =>
        JsonSerializer.Serialize(
            new GetFulfillmentPreviewRequestBody(
                Text(r.MarketplaceId),
                Address(r.DestinationAddress),
                [.. r.Items.Select(i => new PreviewItemBody(i.SellerSku, i.Quantity, i.SellerFulfillmentOrderItemId, Money(i.PerUnitDeclaredValue)))],
                [r.ShippingSpeedCategory.ToAmazon()!],
                r.CodSettings is { IsCodRequired: true } ? true : null,
                r.FeatureConstraints.Count > 0 ? [.. r.FeatureConstraints.Select(f => new FeatureSettingsBody(Text(f.FeatureName), f.FeatureFulfillmentPolicy.ToAmazon()))] : null),
            AmazonJsonContext.Default.GetFulfillmentPreviewRequestBody);

    public static string UpdateBodyJson(FulfillmentAction action) =>
        JsonSerializer.Serialize(new UpdateFulfillmentOrderBody(action.ToAmazon()!), AmazonJsonContext.Default.UpdateFulfillmentOrderBody);

    /// <summary>ISO 8601 in UTC with a Z, as Amazon's Timestamp (date-time) wants.</summary>
    public static string Iso(Timestamp? t) =>
        t is null ? "" : t.ToDateTime().ToString(t.Nanos == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static AddressBody Address(Address a) => new(
        Text(a.Name), Text(a.AddressLine1), Text(a.AddressLine2), Text(a.AddressLine3), Text(a.City),
        Text(a.DistrictOrCounty), Text(a.StateOrRegion), Text(a.PostalCode), Text(a.CountryCode), Text(a.Phone));

    private static DeliveryPreferencesBody Preferences(DeliveryPreferences p) => new(
        Text(p.DeliveryInstructions),
        p.DropOffLocation is { } d
            ? new DropOffLocationBody(d.Type.ToAmazon()!, d.Attributes.Count > 0 ? new Dictionary<string, string>(d.Attributes) : null)
            : null);

    private static CreateItemBody Item(FulfillmentOrderItem i) => new(
        i.SellerSku, i.SellerFulfillmentOrderItemId, i.Quantity, Text(i.GiftMessage), Text(i.DisplayableComment),
        Text(i.FulfillmentNetworkSku), Money(i.PerUnitDeclaredValue), Money(i.PerUnitPrice), Money(i.PerUnitTax));

    private static MoneyBody? Money(Money? m) => m is null ? null : new MoneyBody(m.CurrencyCode, m.Value);

    private static string? Text(string value) => string.IsNullOrEmpty(value) ? null : value;
}
