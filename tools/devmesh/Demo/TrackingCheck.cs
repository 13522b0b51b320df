using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.DevMesh.Demo;

/// <summary>One submitted order after Amazon shipped it: whether its tracking reached Crystallize, written once.</summary>
internal sealed record TrackingVerdict(string OrderId, string? TrackingNumber, int ShipmentWrites, string? Problem)
{
    public bool Matches => Problem is null;
}

/// <summary>
/// The demo's second half: each order Amazon holds is moved to Complete with the sandbox's own
/// submitFulfillmentOrderStatusUpdate (on the SP-API emulator), and the Crystallize emulator must then show
/// its carrier and tracking number in meta fba-shipments, written by exactly one updateOrder.
/// </summary>
internal static class TrackingCheck
{
    public const string StatusUpdatePath = "fba/outbound/2020-07-01/fulfillmentOrders/{0}/status";

    public static async Task<IReadOnlyList<TrackingVerdict>> RunAsync(
        Mesh mesh, IReadOnlyList<(string OrderId, string SellerFulfillmentOrderId)> submitted, TimeSpan timeout, CancellationToken ct)
    {
        var amazon = mesh.SpApi ?? throw new InvalidOperationException("The tracking check moves orders on the SP-API emulator.");
        var crystallize = mesh.Crystallize ?? throw new InvalidOperationException("The tracking check reads the Crystallize emulator.");
        using var http = new HttpClient { BaseAddress = amazon.BaseAddress };
        http.DefaultRequestHeaders.Add("x-amz-access-token", amazon.IssueAccessToken());

        var moved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (orderId, sellerFulfillmentOrderId) in submitted)
        {
            using var answer = await http.PutAsJsonAsync(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, StatusUpdatePath, Uri.EscapeDataString(sellerFulfillmentOrderId)),
                new { fulfillmentOrderStatus = "Complete" }, ct);
            moved[orderId] = answer.IsSuccessStatusCode ? null : $"submitFulfillmentOrderStatusUpdate answered {(int)answer.StatusCode}";
        }

        var verdicts = await Task.WhenAll(submitted.Select(s => moved[s.OrderId] is { } refused
            ? Task.FromResult(new TrackingVerdict(s.OrderId, null, 0, refused))
            : WaitForTrackingAsync(crystallize, s.OrderId, timeout, ct)));
        return verdicts;
    }

    private static async Task<TrackingVerdict> WaitForTrackingAsync(CrystallizeEmulator.CrystallizeEmulatorApp crystallize, string orderId, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var shipments = Meta(crystallize.Orders.Peek(orderId), "fba-shipments");
            var tracking = shipments is null ? null : JsonNode.Parse(shipments)?.AsArray().Select(p => p?["trackingNumber"]?.GetValue<string>()).FirstOrDefault(t => t is not null);
            if (tracking is not null)
            {
                var writes = crystallize.Orders.Writes(orderId)?.Count(w => w.Operation == "updateOrder" && Meta(w.Input, "fba-shipments") == shipments) ?? 0;
                return new TrackingVerdict(orderId, tracking, writes, writes == 1 ? null : $"fba-shipments written {writes} times");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return new TrackingVerdict(orderId, null, 0, $"no tracking number in Crystallize after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static string? Meta(JsonNode? holder, string key) =>
        holder?["meta"] is JsonArray meta
            ? meta.FirstOrDefault(m => m?["key"]?.GetValue<string>() == key)?["value"]?.GetValue<string>()
            : null;
}
