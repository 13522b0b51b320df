using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Shipments of an order, derived from its status and id so every read agrees: Processing has one
/// PENDING shipment; Complete has it SHIPPED in one package with a carrier and tracking numbers.
/// </summary>
internal static class Shipments
{
    public static JsonArray For(FulfillmentOrderRecord order)
    {
        var shipped = order.Status == FulfillmentStatus.Complete;
        if (!shipped && order.Status != FulfillmentStatus.Processing)
        {
            return [];
        }

        var items = new JsonArray();
        foreach (var item in order.Order["items"]?.AsArray() ?? [])
        {
            items.Add(new JsonObject
            {
                ["sellerSku"] = item!["sellerSku"]!.DeepClone(),
                ["sellerFulfillmentOrderItemId"] = item["sellerFulfillmentOrderItemId"]!.DeepClone(),
                ["quantity"] = item["quantity"]!.DeepClone(),
                ["packageNumber"] = PackageNumber(order.Id),
            });
        }

        var shipment = new JsonObject
        {
            ["amazonShipmentId"] = "D" + Code(order.Id, 8),
            ["fulfillmentCenterId"] = "RNO1",
            ["fulfillmentShipmentStatus"] = shipped ? "SHIPPED" : "PENDING",
            ["shippingDate"] = Iso8601.Format(order.StatusUpdatedAt),
            ["estimatedArrivalDate"] = Iso8601.Format(order.StatusUpdatedAt.AddDays(3)),
            ["fulfillmentShipmentItem"] = items,
        };
        if (shipped)
        {
            shipment["fulfillmentShipmentPackage"] = new JsonArray(new JsonObject
            {
                ["packageNumber"] = PackageNumber(order.Id),
                ["carrierCode"] = "UPS",
                ["trackingNumber"] = "1Z" + Code(order.Id, 16),
                ["amazonFulfillmentTrackingNumber"] = "TBA" + (Hash(order.Id) % 1_000_000_000_000UL).ToString("D12", CultureInfo.InvariantCulture),
                ["estimatedArrivalDate"] = Iso8601.Format(order.StatusUpdatedAt.AddDays(3)),
            });
        }

        return [shipment];
    }

    public static string NetworkSku(string sellerSku) => "X00" + Code(sellerSku, 7);

    private static int PackageNumber(string id) => (int)(Hash(id) % 1_000_000_000UL);

    private static string Code(string seed, int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        var hash = Hash(seed);
        var code = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            code.Append(alphabet[(int)(hash % (ulong)alphabet.Length)]);
            hash = (hash / (ulong)alphabet.Length) ^ ((ulong)i * 0x9E3779B97F4A7C15UL);
        }

        return code.ToString();
    }

    private static ulong Hash(string seed) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
