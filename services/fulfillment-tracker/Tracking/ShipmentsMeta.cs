using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>
/// The meta the tracker owns on a Crystallize order: fba-status (Amazon's status) and fba-shipments, a
/// JSON array with one entry per package of the shipments that are on their way or delivered:
/// carrier, trackingNumber, trackingLink, estimatedArrival (absent while Amazon has none). Packages of
/// cancelled shipments are left out (Amazon re-ships under a new shipment). The text is stable for the
/// same packages, so "changed" is a string comparison.
/// </summary>
internal static class ShipmentsMeta
{
    public const string StatusKey = "fba-status";
    public const string ShipmentsKey = "fba-shipments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The meta values the order should hold; fba-shipments only once there is a package.</summary>
    public static IReadOnlyDictionary<string, string> Desired(TrackedOrder order)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (order.AmazonStatus is { } status)
        {
            values[StatusKey] = status;
        }

        if (Shipments(order) is { } shipments)
        {
            values[ShipmentsKey] = shipments;
        }

        return values;
    }

    /// <summary>The fba-shipments text, or null while no package is on its way.</summary>
    public static string? Shipments(TrackedOrder order)
    {
        var packages = order.Packages
            .Where(p => !Amazon.AmazonStatuses.IsCancelledShipment(p.ShipmentStatus))
            .OrderBy(p => p.AmazonShipmentId, StringComparer.Ordinal)
            .ThenBy(p => p.PackageNumber)
            .Select(p => new PackageEntry(p.Carrier, p.TrackingNumber, p.TrackingLink, Time(p.EstimatedArrival)))
            .ToList();
        return packages.Count == 0 ? null : JsonSerializer.Serialize(packages, Json);
    }

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record PackageEntry(string? Carrier, string? TrackingNumber, string? TrackingLink, string? EstimatedArrival);
}
