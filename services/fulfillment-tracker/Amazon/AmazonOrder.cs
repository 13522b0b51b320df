namespace FbaMesh.FulfillmentTracker.Amazon;

/// <summary>
/// Amazon's picture of one fulfillment order as getFulfillmentOrder gives it, reduced to what the
/// tracker needs: statuses, shipments, packages and tracking. No address or other personal data.
/// </summary>
internal sealed record AmazonOrder(
    string SellerFulfillmentOrderId,
    string Status,
    DateTimeOffset? StatusUpdatedAt,
    IReadOnlyList<AmazonShipment> Shipments);

internal sealed record AmazonShipment(
    string AmazonShipmentId,
    string Status,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? EstimatedArrival,
    IReadOnlyList<AmazonPackage> Packages);

/// <summary>A package; the tracking number comes only "if provided" by the carrier.</summary>
internal sealed record AmazonPackage(int PackageNumber, string? Carrier, string? TrackingNumber, DateTimeOffset? EstimatedArrival);

/// <summary>One order in the list of orders changed since a time (listAllFulfillmentOrders with queryStartDate).</summary>
internal sealed record AmazonChange(string SellerFulfillmentOrderId, string? Status, DateTimeOffset? StatusUpdatedAt);

internal sealed record AmazonChangesPage(IReadOnlyList<AmazonChange> Orders, string? NextToken);

/// <summary>What getPackageTrackingDetails adds to a package: the customer's tracking link.</summary>
internal sealed record AmazonPackageTracking(string? TrackingLink, DateTimeOffset? EstimatedArrival);

/// <summary>Amazon (through the submitter) could not answer now; the feed that asked tries again later.</summary>
internal sealed class AmazonUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The SP-API reads the tracker needs, all made by fba-submitter.</summary>
internal interface IAmazonOrders
{
    /// <summary>The order, or null when Amazon has no order with this id.</summary>
    Task<AmazonOrder?> GetOrderAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken);

    Task<AmazonChangesPage> ListChangesAsync(DateTimeOffset since, string? nextToken, CancellationToken cancellationToken);

    /// <summary>Tracking of one package, or null when Amazon has none for it (yet).</summary>
    Task<AmazonPackageTracking?> GetPackageTrackingAsync(int packageNumber, CancellationToken cancellationToken);
}
