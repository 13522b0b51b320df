namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>How a Crystallize order becomes an FBA fulfillment order (configuration section "Fulfillment").</summary>
internal sealed class FulfillmentMappingOptions
{
    public const string SectionName = "Fulfillment";

    /// <summary>Put in front of the order id to form sellerFulfillmentOrderId, e.g. to tell shops apart.</summary>
    public string SellerFulfillmentOrderIdPrefix { get; set; } = "";

    /// <summary>The id Amazon knows the order by: derived once, when the order is first claimed, and kept in its state.</summary>
    public string SellerFulfillmentOrderIdFor(string orderId) => SellerFulfillmentOrderIdPrefix + orderId;

    public string DisplayableOrderComment { get; set; } = "Thank you for your order!";

    /// <summary>Used when the order has no fba-shipping-speed meta.</summary>
    public ShippingSpeed DefaultShippingSpeed { get; set; } = ShippingSpeed.Standard;

    /// <summary>Used unless the order's fba-hold meta is true.</summary>
    public FulfillmentActionOption DefaultFulfillmentAction { get; set; } = FulfillmentActionOption.Ship;

    public FulfillmentPolicyOption FulfillmentPolicy { get; set; } = FulfillmentPolicyOption.FillOrKill;

    /// <summary>Marketplace for destinations not in <see cref="MarketplaceByCountry"/> (default: amazon.com).</summary>
    public string DefaultMarketplaceId { get; set; } = "ATVPDKIKX0DER";

    /// <summary>ISO 3166-1 alpha-2 destination country → marketplace id.</summary>
    public Dictionary<string, string> MarketplaceByCountry { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Send the customer's email to Amazon so Amazon notifies them of shipment.</summary>
    public bool NotifyCustomer { get; set; }

    public List<FeatureConstraintOption> FeatureConstraints { get; } = [];

    /// <summary>Crystallize SKU → Amazon seller SKU; a SKU not in the map is sent as it is.</summary>
    public Dictionary<string, string> SkuMap { get; } = new(StringComparer.Ordinal);

    /// <summary>When not empty, only these seller SKUs (after the SKU map) are FBA lines; the rest ship elsewhere.</summary>
    public List<string> FbaSkus { get; } = [];
}

internal enum ShippingSpeed
{
    Standard,
    Expedited,
    Priority,
}

internal enum FulfillmentActionOption
{
    Ship,
    Hold,
}

internal enum FulfillmentPolicyOption
{
    FillOrKill,
    FillAll,
    FillAllAvailable,
}

internal enum FeaturePolicy
{
    Required,
    NotRequired,
}

internal sealed class FeatureConstraintOption
{
    public string FeatureName { get; set; } = "";

    public FeaturePolicy Policy { get; set; } = FeaturePolicy.Required;
}
