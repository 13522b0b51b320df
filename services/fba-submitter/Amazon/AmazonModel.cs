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
    DateTimeOffset? StatusUpdatedDate,
    string? MarketplaceId = null,
    string? FulfillmentAction = null,
    string? FulfillmentPolicy = null);

internal sealed record FulfillmentOrderItemBody(
    string? SellerSku,
    string? SellerFulfillmentOrderItemId,
    int Quantity,
    string? GiftMessage,
    string? DisplayableComment,
    string? FulfillmentNetworkSku,
    MoneyBody? PerUnitDeclaredValue,
    MoneyBody? PerUnitPrice,
    MoneyBody? PerUnitTax,
    int CancelledQuantity = 0,
    int UnfulfillableQuantity = 0,
    DateTimeOffset? EstimatedShipDate = null,
    DateTimeOffset? EstimatedArrivalDate = null,
    string? OrderItemDisposition = null);

internal sealed record FulfillmentShipmentBody(
    string? AmazonShipmentId,
    string? FulfillmentCenterId,
    string? FulfillmentShipmentStatus,
    List<FulfillmentShipmentPackageBody>? FulfillmentShipmentPackage,
    DateTimeOffset? ShippingDate = null,
    DateTimeOffset? EstimatedArrivalDate = null,
    List<FulfillmentShipmentItemBody>? FulfillmentShipmentItem = null);

internal sealed record FulfillmentShipmentPackageBody(
    string? TrackingNumber,
    int PackageNumber = 0,
    string? CarrierCode = null,
    string? AmazonFulfillmentTrackingNumber = null,
    DateTimeOffset? EstimatedArrivalDate = null);

internal sealed record FulfillmentShipmentItemBody(string? SellerSku, string? SellerFulfillmentOrderItemId, int Quantity, int? PackageNumber);

internal sealed record ListAllFulfillmentOrdersBody(ListAllFulfillmentOrdersPayload? Payload);

internal sealed record ListAllFulfillmentOrdersPayload(string? NextToken, List<FulfillmentOrderBody>? FulfillmentOrders);

internal sealed record GetPackageTrackingDetailsBody(PackageTrackingDetailsBody? Payload);

// Amazon's PackageTrackingDetails as far as FbaMesh reads it: descriptions, signedForBy and the carrier's
// phone are not even parsed (free text and personal data).
internal sealed record PackageTrackingDetailsBody(
    int PackageNumber,
    string? TrackingNumber,
    string? CustomerTrackingLink,
    string? CarrierCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("carrierURL")] string? CarrierUrl,
    DateTimeOffset? ShipDate,
    DateTimeOffset? EstimatedArrivalDate,
    TrackingAddressBody? ShipToAddress,
    string? CurrentStatus,
    DateRangeBody? DeliveryWindow,
    List<TrackingEventBody>? TrackingEvents);

internal sealed record TrackingAddressBody(string? City, string? State, string? Country);

internal sealed record DateRangeBody(DateTimeOffset? StartDate, DateTimeOffset? EndDate);

internal sealed record TrackingEventBody(DateTimeOffset? EventDate, TrackingAddressBody? EventAddress, string? EventCode);

internal sealed record UpdateFulfillmentOrderBody(string FulfillmentAction);

internal sealed record GetFulfillmentPreviewRequestBody(
    string? MarketplaceId,
    AddressBody Address,
    List<PreviewItemBody> Items,
    List<string> ShippingSpeedCategories,
    [property: System.Text.Json.Serialization.JsonPropertyName("includeCODFulfillmentPreview")] bool? IncludeCodFulfillmentPreview,
    List<FeatureSettingsBody>? FeatureConstraints);

internal sealed record PreviewItemBody(string SellerSku, int Quantity, string SellerFulfillmentOrderItemId, MoneyBody? PerUnitDeclaredValue);

internal sealed record GetFulfillmentPreviewBody(GetFulfillmentPreviewPayload? Payload);

internal sealed record GetFulfillmentPreviewPayload(List<FulfillmentPreviewBody>? FulfillmentPreviews);

internal sealed record FulfillmentPreviewBody(
    string? ShippingSpeedCategory,
    bool IsFulfillable,
    [property: System.Text.Json.Serialization.JsonPropertyName("isCODCapable")] bool IsCodCapable,
    List<string>? OrderUnfulfillableReasons,
    List<UnfulfillablePreviewItemBody>? UnfulfillablePreviewItems,
    List<FulfillmentPreviewShipmentBody>? FulfillmentPreviewShipments);

internal sealed record UnfulfillablePreviewItemBody(string? SellerSku, int Quantity, string? SellerFulfillmentOrderItemId, List<string>? ItemUnfulfillableReasons);

internal sealed record FulfillmentPreviewShipmentBody(DateTimeOffset? EarliestArrivalDate, DateTimeOffset? LatestArrivalDate);
