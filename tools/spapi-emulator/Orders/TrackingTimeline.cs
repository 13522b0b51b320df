using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// A package's PackageTrackingDetails as the carrier's scans would have it by now: picked up at the
/// fulfillment center, through a hub, out for delivery and delivered at the estimated arrival. Places are
/// city, state and country, as in the model's TrackingAddress. Once delivered, signedForBy carries the
/// recipient's name as Amazon may give it: a caller must not pass it on.
/// </summary>
internal static class TrackingTimeline
{
    private static readonly JsonObject FulfillmentCenter = Place("Reno", "NV", "US");
    private static readonly JsonObject Hub = Place("Louisville", "KY", "US");

    private static readonly Dictionary<string, (string Description, string Status, string StatusDescription)> Codes = new(StringComparer.Ordinal)
    {
        ["EVENT_101"] = ("Carrier notified to pick up package.", "IN_TRANSIT", "In transit to the destination address."),
        ["EVENT_102"] = ("Shipment picked up from seller's facility.", "IN_TRANSIT", "In transit to the destination address."),
        ["EVENT_201"] = ("Arrival scan.", "IN_TRANSIT", "In transit to the destination address."),
        ["EVENT_302"] = ("Out for delivery.", "OUT_FOR_DELIVERY", "Out for Delivery."),
        ["EVENT_301"] = ("Delivered.", "DELIVERED", "Delivered to the destination address."),
    };

    public static JsonObject Details(FulfillmentOrderRecord order, PackageRecord package, DateTimeOffset now)
    {
        var address = order.Order["destinationAddress"] as JsonObject;
        var destination = Place(
            address?["city"]?.GetValue<string>() ?? "", address?["stateOrRegion"]?.GetValue<string>() ?? "", address?["countryCode"]?.GetValue<string>() ?? "");
        var scans = new (DateTimeOffset At, string Code, JsonObject Where)[]
        {
            (package.ShippedAt, "EVENT_101", FulfillmentCenter),
            (package.ShippedAt.AddHours(2), "EVENT_102", FulfillmentCenter),
            (package.ShippedAt.AddDays(1), "EVENT_201", Hub),
            (package.EstimatedArrival.AddHours(-8), "EVENT_302", destination),
            (package.EstimatedArrival, "EVENT_301", destination),
        }.Where(s => s.At <= now).ToArray();

        var current = scans.Length == 0 ? "EVENT_101" : scans[^1].Code;
        var details = new JsonObject { ["packageNumber"] = package.PackageNumber };
        if (package.TrackingNumber is { } tracking)
        {
            details["trackingNumber"] = tracking;
            // Spelled as the 2022 static sandbox answers it: URL-encoded.
            details["customerTrackingLink"] = Uri.EscapeDataString($"https://www.swiship.com/track?id={package.AmazonFulfillmentTrackingNumber}");
        }

        details["carrierCode"] = package.CarrierCode;
        details["carrierPhoneNumber"] = package.CarrierCode == "UPS" ? "+1 800 742 5877" : "+1 800 275 8777";
        details["carrierURL"] = package.CarrierCode == "UPS" ? "https://www.ups.com" : "https://www.usps.com";
        details["shipDate"] = Iso8601.Format(package.ShippedAt);
        details["estimatedArrivalDate"] = Iso8601.Format(package.EstimatedArrival);
        details["shipToAddress"] = destination.DeepClone();
        details["currentStatus"] = Codes[current].Status;
        details["currentStatusDescription"] = Codes[current].StatusDescription;
        if (current == "EVENT_301" && address?["name"] is { } name)
        {
            details["signedForBy"] = name.DeepClone();
        }

        details["trackingEvents"] = new JsonArray(scans.Reverse().Select(s => (JsonNode)new JsonObject
        {
            ["eventDate"] = Iso8601.Format(s.At),
            ["eventAddress"] = s.Where.DeepClone(),
            ["eventCode"] = s.Code,
            ["eventDescription"] = Codes[s.Code].Description,
        }).ToArray());
        return details;
    }

    private static JsonObject Place(string city, string state, string country) => new() { ["city"] = city, ["state"] = state, ["country"] = country };
}
