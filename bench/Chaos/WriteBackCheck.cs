using System.Text.Json.Nodes;
using FbaMesh.Bench.Common;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.Bench.Chaos;

/// <summary>
/// What reached Crystallize for the orders Amazon shipped: Shipped = orders moved on at Amazon;
/// TrackingWritten = those whose Crystallize meta holds Amazon's last status (fba-status) and every
/// tracking number of its live shipments (fba-shipments); Lost = the others. Writes counts every write
/// in the Crystallize emulator's write log (GET /_emulator/orders/{id}/writes) of the run's orders;
/// Duplicated = writes that repeat an earlier write of the same order with the same input (the same change
/// written twice).
/// </summary>
public sealed record WriteBackReport(
    int Shipped,
    int TrackingWritten,
    int Lost,
    int Writes,
    int Duplicated,
    int MaxWritesPerOrder,
    IReadOnlyDictionary<string, int> WritesByOperation,
    IReadOnlyList<string> LostOrderIds,
    IReadOnlyList<string> DuplicatedOrderIds)
{
    public bool Clean => Lost == 0 && Duplicated == 0;
}

public static class WriteBackCheck
{
    public const string StatusKey = "fba-status";
    public const string ShipmentsKey = "fba-shipments";

    /// <summary>Waits (bounded) until every shipped order shows its tracking in Crystallize, then counts.</summary>
    public static async Task<WriteBackReport> WaitAndCheckAsync(
        SpApiEmulatorApp amazon, CrystallizeEmulatorApp crystallize, IReadOnlyCollection<string> shipped, IReadOnlyList<string> runOrderIds,
        TimeSpan timeout, IProgressTrack? track, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var written = CountWritten(amazon, crystallize, shipped);
            track?.Set(written, $"tracking in Crystallize {written}/{shipped.Count}");
            if (written >= shipped.Count || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return Check(amazon, crystallize, shipped, runOrderIds);
    }

    public static WriteBackReport Check(SpApiEmulatorApp amazon, CrystallizeEmulatorApp crystallize, IReadOnlyCollection<string> shipped, IReadOnlyList<string> runOrderIds)
    {
        var atAmazon = AmazonView(amazon);
        var lost = shipped.Where(id => !IsWritten(atAmazon, crystallize, id)).Order(StringComparer.Ordinal).ToList();
        var writes = 0;
        var most = 0;
        var duplicated = 0;
        var duplicatedIds = new List<string>();
        var byOperation = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in runOrderIds)
        {
            var log = crystallize.Orders.Writes(id) ?? [];
            writes += log.Count;
            most = Math.Max(most, log.Count);
            foreach (var write in log)
            {
                byOperation[write.Operation] = byOperation.GetValueOrDefault(write.Operation) + 1;
            }

            var repeats = log.GroupBy(w => w.Operation + "\n" + (w.Input?.ToJsonString() ?? ""), StringComparer.Ordinal).Sum(g => g.Count() - 1);
            if (repeats > 0)
            {
                duplicated += repeats;
                duplicatedIds.Add(id);
            }
        }

        return new WriteBackReport(
            shipped.Count, shipped.Count - lost.Count, lost.Count, writes, duplicated, most, byOperation,
            [.. lost.Take(20)], [.. duplicatedIds.Take(20)]);
    }

    private static int CountWritten(SpApiEmulatorApp amazon, CrystallizeEmulatorApp crystallize, IReadOnlyCollection<string> shipped)
    {
        var atAmazon = AmazonView(amazon);
        return shipped.Count(id => IsWritten(atAmazon, crystallize, id));
    }

    /// <summary>Amazon's status and the tracking numbers of its live (not cancelled) shipments, per order.</summary>
    private static Dictionary<string, (string Status, IReadOnlyList<string> Tracking)> AmazonView(SpApiEmulatorApp amazon) =>
        amazon.FulfillmentOrders
            .GroupBy(o => o.SellerFulfillmentOrderId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (g.Last().Status, (IReadOnlyList<string>)[.. g.Last().Shipments
                    .Where(s => !s.Status.StartsWith("CANCELLED", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(s => s.Packages)
                    .Select(p => p.TrackingNumber)
                    .OfType<string>()]),
                StringComparer.Ordinal);

    private static bool IsWritten(Dictionary<string, (string Status, IReadOnlyList<string> Tracking)> atAmazon, CrystallizeEmulatorApp crystallize, string id)
    {
        if (!atAmazon.TryGetValue(id, out var amazon))
        {
            return false;
        }

        var order = crystallize.Orders.Peek(id);
        var status = Meta(order, StatusKey);
        if (!string.Equals(status, amazon.Status, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var written = Meta(order, ShipmentsKey) is { } shipments ? TrackingNumbers(shipments) : [];
        return amazon.Tracking.All(written.Contains);
    }

    private static HashSet<string> TrackingNumbers(string shipments)
    {
        try
        {
            return JsonNode.Parse(shipments) is JsonArray packages
                ? packages.Select(p => p?["trackingNumber"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string? Meta(JsonNode? order, string key) =>
        order?["meta"] is JsonArray meta
            ? meta.FirstOrDefault(m => m?["key"]?.GetValue<string>() == key)?["value"]?.GetValue<string>()
            : null;
}
