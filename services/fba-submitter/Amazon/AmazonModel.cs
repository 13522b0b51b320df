namespace FbaMesh.FbaSubmitter.Amazon;

// SP-API fulfillment outbound 2020-07-01 bodies, named as in Amazon's model. Serialized in camelCase
// with nulls left out, so an unset proto field is an absent JSON property, never an empty string.

internal sealed record CreateFulfillmentOrderBody(
    string? MarketplaceId,
    string SellerFulfillmentOrderId,
    string DisplayableOrderId,
    string DisplayableOrderDate,
    string DisplayableOrderComment,
    string ShippingSpeedCategory,
    DeliveryWindowBody? DeliveryWindow,
    AddressBody DestinationAddress,
    DeliveryPreferencesBody? DeliveryPreferences,
    string? FulfillmentAction,
    string? FulfillmentPolicy,
    CodSettingsBody? CodSettings,
    string? ShipFromCountryCode,
    List<string>? NotificationEmails,
    List<FeatureSettingsBody>? FeatureConstraints,
    List<CreateItemBody> Items,
    List<PaymentInformationBody>? PaymentInformation);

internal sealed record DeliveryWindowBody(string StartDate, string EndDate);

internal sealed record AddressBody(
    string? Name,
    string? AddressLine1,
    string? AddressLine2,
    string? AddressLine3,
    string? City,
    string? DistrictOrCounty,
    string? StateOrRegion,
    string? PostalCode,
    string? CountryCode,
    string? Phone);

internal sealed record DeliveryPreferencesBody(string? DeliveryInstructions, DropOffLocationBody? DropOffLocation);

internal sealed record DropOffLocationBody(string Type, Dictionary<string, string>? Attributes);

internal sealed record MoneyBody(string CurrencyCode, string Value);

internal sealed record CodSettingsBody(bool IsCodRequired, MoneyBody? CodCharge, MoneyBody? CodChargeTax, MoneyBody? ShippingCharge, MoneyBody? ShippingChargeTax);

internal sealed record FeatureSettingsBody(string? FeatureName, string? FeatureFulfillmentPolicy);

internal sealed record CreateItemBody(
    string SellerSku,
    string SellerFulfillmentOrderItemId,
    int Quantity,
    string? GiftMessage,
    string? DisplayableComment,
    string? FulfillmentNetworkSku,
    MoneyBody? PerUnitDeclaredValue,
    MoneyBody? PerUnitPrice,
    MoneyBody? PerUnitTax);

internal sealed record PaymentInformationBody(string PaymentTransactionId, string PaymentMode, string PaymentDate);

internal sealed record GetFulfillmentOrderBody(GetFulfillmentOrderPayload? Payload);

internal sealed record GetFulfillmentOrderPayload(
    FulfillmentOrderBody? FulfillmentOrder,
    List<FulfillmentOrderItemBody>? FulfillmentOrderItems,
    List<FulfillmentShipmentBody>? FulfillmentShipments);

internal sealed record FulfillmentOrderBody(
    string? SellerFulfillmentOrderId,
    string? DisplayableOrderId,
    string? FulfillmentOrderStatus,
    DateTimeOffset? ReceivedDate,
    DateTimeOffset? StatusUpdatedDate);

internal sealed record FulfillmentOrderItemBody(
    string? SellerSku,
    string? SellerFulfillmentOrderItemId,
    int Quantity,
    string? GiftMessage,
    string? DisplayableComment,
    string? FulfillmentNetworkSku,
    MoneyBody? PerUnitDeclaredValue,
    MoneyBody? PerUnitPrice,
    MoneyBody? PerUnitTax);

internal sealed record FulfillmentShipmentBody(
    string? AmazonShipmentId,
    string? FulfillmentCenterId,
    string? FulfillmentShipmentStatus,
    List<FulfillmentShipmentPackageBody>? FulfillmentShipmentPackage);

internal sealed record FulfillmentShipmentPackageBody(string? TrackingNumber);
