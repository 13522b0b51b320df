using FbaMesh.FulfillmentTracker.Amazon;

namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>Takes a fresh read of Amazon into a tracked order: pure, so every Amazon reality is a unit test.</summary>
internal static class AmazonProgress
{
    /// <summary>
    /// True when <paramref name="read"/> is older than what the order already holds: Amazon's reads are
    /// eventually consistent, and a late read must not undo a newer one.
    /// </summary>
    public static bool IsStale(TrackedOrder order, AmazonOrder read) =>
        order.StatusUpdatedAt is { } known && read.StatusUpdatedAt is { } updated && updated < known;

    /// <summary>
    /// The packages of <paramref name="read"/>, keeping tracking links already learned for the same
    /// tracking number (a link is asked for once per tracking number).
    /// </summary>
    public static IReadOnlyList<TrackedPackage> Packages(TrackedOrder order, AmazonOrder read)
    {
        var packages = new List<TrackedPackage>();
        foreach (var shipment in read.Shipments)
        {
            foreach (var package in shipment.Packages)
            {
                var trackingNumber = Blank(package.TrackingNumber);
                var known = order.Packages.FirstOrDefault(p =>
                    p.AmazonShipmentId == shipment.AmazonShipmentId && p.PackageNumber == package.PackageNumber && p.TrackingNumber == trackingNumber);
                packages.Add(new TrackedPackage(
                    shipment.AmazonShipmentId,
                    shipment.Status,
                    package.PackageNumber,
                    Blank(package.Carrier),
                    trackingNumber,
                    known?.TrackingLink,
                    package.EstimatedArrival ?? shipment.EstimatedArrival ?? known?.EstimatedArrival,
                    shipment.ShippedAt));
            }
        }

        return packages;
    }

    /// <summary>The order after the read, with the events the change calls for added to the pending ones.</summary>
    public static TrackedOrder Apply(TrackedOrder order, AmazonOrder read, IReadOnlyList<TrackedPackage> packages, DateTimeOffset now)
    {
        var next = order with
        {
            AmazonStatus = read.Status,
            StatusUpdatedAt = read.StatusUpdatedAt ?? order.StatusUpdatedAt,
            Packages = packages,
            LastReadAt = now,
        };
        var decided = ProgressEvents.Decide(next, read.Shipments, now);
        var known = new HashSet<string>(order.PublishedEvents.Concat(order.PendingEvents.Select(e => e.Id)), StringComparer.Ordinal);
        var fresh = decided.Where(e => !known.Contains(e.Id)).ToList();
        return fresh.Count == 0 ? next : next with { PendingEvents = [.. order.PendingEvents, .. fresh] };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
