using FbaMesh.Contracts;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Orders;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>
/// DESIGN §6.1, row by row: a Crystallize order and the merchant's options in, an FBA fulfillment
/// order (or a skip or failure with a stable reason) out. Pure: no I/O, no clock.
/// </summary>
internal static class FulfillmentOrderMapper
{
    public const string ShippingSpeedMetaKey = "fba-shipping-speed";
    public const string HoldMetaKey = "fba-hold";
    public const int MaxEmailLength = 64;

    /// <param name="sellerFulfillmentOrderId">The id the order was claimed under; the mapper never derives it.</param>
    public static MappingOutcome Map(CrystallizeOrder order, string sellerFulfillmentOrderId, FulfillmentMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);

        var orderId = CleanText.Of(order.Id);
        if (!OrderId.IsValid(orderId))
        {
            return new MappingOutcome.Rejected(ReasonCodes.InvalidOrderId, "The order id is not 24 lowercase hex characters.");
        }

        if (order.CreatedAt is not { } createdAt)
        {
            return new MappingOutcome.Rejected(ReasonCodes.NoOrderDate, "The order has no createdAt date.");
        }

        var speed = ShippingSpeedOf(order, options);
        if (speed is null)
        {
            return new MappingOutcome.Rejected(
                ReasonCodes.InvalidShippingSpeed,
                $"Order meta {ShippingSpeedMetaKey} '{CleanText.Of(Meta(order, ShippingSpeedMetaKey))}' is not Standard, Expedited or Priority.");
        }

        var (items, itemsStop) = OrderItemsMapper.Map(order.Cart, options);
        if (itemsStop is not null)
        {
            return itemsStop;
        }

        var (address, addressFailure) = DestinationAddressMapper.Map(order);
        if (addressFailure is not null)
        {
            return addressFailure;
        }

        var request = new SubmitFulfillmentOrderRequest
        {
            MarketplaceId = options.MarketplaceByCountry.GetValueOrDefault(address!.CountryCode, options.DefaultMarketplaceId),
            SellerFulfillmentOrderId = sellerFulfillmentOrderId,
            DisplayableOrderId = orderId,
            DisplayableOrderDate = Timestamp.FromDateTimeOffset(createdAt.ToUniversalTime()),
            DisplayableOrderComment = CleanText.Of(options.DisplayableOrderComment),
            ShippingSpeedCategory = speed.Value,
            DestinationAddress = address,
            FulfillmentAction = IsHold(order) || options.DefaultFulfillmentAction == FulfillmentActionOption.Hold
                ? FulfillmentAction.Hold
                : FulfillmentAction.Ship,
            FulfillmentPolicy = ToProto(options.FulfillmentPolicy),
        };
        request.Items.AddRange(items);
        request.FeatureConstraints.AddRange(options.FeatureConstraints.Select(f => new FeatureSettings
        {
            FeatureName = CleanText.Of(f.FeatureName),
            FeatureFulfillmentPolicy = f.Policy == FeaturePolicy.Required
                ? FeatureFulfillmentPolicy.Required
                : FeatureFulfillmentPolicy.NotRequired,
        }));
        var email = CleanText.Of(order.Customer?.Email);
        if (options.NotifyCustomer && email.Length is > 0 and <= MaxEmailLength && email.Contains('@', StringComparison.Ordinal))
        {
            request.NotificationEmails.Add(email);
        }

        return new MappingOutcome.Mapped(request);
    }

    private static ShippingSpeedCategory? ShippingSpeedOf(CrystallizeOrder order, FulfillmentMappingOptions options)
    {
        var value = CleanText.Of(Meta(order, ShippingSpeedMetaKey));
        if (value.Length == 0)
        {
            return ToProto(options.DefaultShippingSpeed);
        }

        // By name only: Enum.TryParse would also take "1" or "Standard,Expedited".
        var name = System.Enum.GetNames<ShippingSpeed>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        return name is null ? null : ToProto(System.Enum.Parse<ShippingSpeed>(name));
    }

    private static bool IsHold(CrystallizeOrder order) =>
        string.Equals(CleanText.Of(Meta(order, HoldMetaKey)), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Meta(CrystallizeOrder order, string key) =>
        order.Meta?.FirstOrDefault(m => m is not null && string.Equals(CleanText.Of(m.Key), key, StringComparison.OrdinalIgnoreCase))?.Value;

    private static ShippingSpeedCategory ToProto(ShippingSpeed speed) => speed switch
    {
        ShippingSpeed.Expedited => ShippingSpeedCategory.Expedited,
        ShippingSpeed.Priority => ShippingSpeedCategory.Priority,
        _ => ShippingSpeedCategory.Standard,
    };

    private static FulfillmentPolicy ToProto(FulfillmentPolicyOption policy) => policy switch
    {
        FulfillmentPolicyOption.FillAll => FulfillmentPolicy.FillAll,
        FulfillmentPolicyOption.FillAllAvailable => FulfillmentPolicy.FillAllAvailable,
        _ => FulfillmentPolicy.FillOrKill,
    };
}
