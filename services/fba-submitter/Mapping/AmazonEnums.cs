using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.FbaSubmitter.Mapping;

/// <summary>Proto enums to the strings of Amazon's model; UNSPECIFIED is "leave it out" (null).</summary>
internal static class AmazonEnums
{
    public static string? ToAmazon(this ShippingSpeedCategory value) => value switch
    {
        ShippingSpeedCategory.Standard => "Standard",
        ShippingSpeedCategory.Expedited => "Expedited",
        ShippingSpeedCategory.Priority => "Priority",
        ShippingSpeedCategory.ScheduledDelivery => "ScheduledDelivery",
        _ => null,
    };

    public static string? ToAmazon(this FulfillmentAction value) => value switch
    {
        FulfillmentAction.Ship => "Ship",
        FulfillmentAction.Hold => "Hold",
        _ => null,
    };

    public static string? ToAmazon(this FulfillmentPolicy value) => value switch
    {
        FulfillmentPolicy.FillOrKill => "FillOrKill",
        FulfillmentPolicy.FillAll => "FillAll",
        FulfillmentPolicy.FillAllAvailable => "FillAllAvailable",
        _ => null,
    };

    public static string? ToAmazon(this FeatureFulfillmentPolicy value) => value switch
    {
        FeatureFulfillmentPolicy.Required => "Required",
        FeatureFulfillmentPolicy.NotRequired => "NotRequired",
        _ => null,
    };

    public static string? ToAmazon(this DropOffLocationType value) => value switch
    {
        DropOffLocationType.FrontDoor => "FRONT_DOOR",
        DropOffLocationType.DeliveryBox => "DELIVERY_BOX",
        DropOffLocationType.GasMeterBox => "GAS_METER_BOX",
        DropOffLocationType.BicycleBasket => "BICYCLE_BASKET",
        DropOffLocationType.Garage => "GARAGE",
        DropOffLocationType.Receptionist => "RECEPTIONIST",
        DropOffLocationType.FallbackNeighborDelivery => "FALLBACK_NEIGHBOR_DELIVERY",
        DropOffLocationType.DoNotLeaveUnattended => "DO_NOT_LEAVE_UNATTENDED",
        _ => null,
    };
}
