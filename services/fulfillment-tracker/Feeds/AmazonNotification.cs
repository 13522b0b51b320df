using System.Globalization;
using System.Text.Json;

namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>The two things the tracker takes from a FULFILLMENT_ORDER_STATUS notification.</summary>
internal sealed record AmazonNotification(string SellerFulfillmentOrderId, DateTimeOffset? StatusUpdatedAt);

/// <summary>
/// Reads Amazon's FULFILLMENT_ORDER_STATUS notification leniently: Amazon's guide and its schema disagree
/// on which fields are required, so only SellerFulfillmentOrderId is needed; names match in any case; the
/// notification may come bare (SQS) or wrapped in an SNS envelope ("Message" holding the JSON text). The
/// notification only says "look at this order": getFulfillmentOrder is the truth, so nothing else of it is
/// kept (it may also hold an address in other notification types).
/// </summary>
internal static class AmazonNotificationReader
{
    public const string FulfillmentOrderStatus = "FULFILLMENT_ORDER_STATUS";

    /// <summary>The notification, or null with <paramref name="problem"/> saying why it cannot be used.</summary>
    public static AmazonNotification? Read(string body, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && Property(root, "Message") is { ValueKind: JsonValueKind.String } message
                && Property(root, "Payload") is null)
            {
                return Read(message.GetString() ?? "", out problem);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return null;
            }

            if (Property(root, "NotificationType") is { ValueKind: JsonValueKind.String } type
                && !string.Equals(type.GetString(), FulfillmentOrderStatus, StringComparison.OrdinalIgnoreCase))
            {
                problem = "another notification type";
                return null;
            }

            var status = Property(root, "Payload") is { ValueKind: JsonValueKind.Object } payload
                ? Property(payload, "FulfillmentOrderStatusNotification") ?? payload
                : root;
            if (status.ValueKind != JsonValueKind.Object
                || Property(status, "SellerFulfillmentOrderId") is not { ValueKind: JsonValueKind.String } id
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                problem = "no SellerFulfillmentOrderId";
                return null;
            }

            var sellerFulfillmentOrderId = id.GetString()!.Trim();
            if (sellerFulfillmentOrderId.Length > 40)
            {
                problem = "SellerFulfillmentOrderId longer than Amazon allows";
                return null;
            }

            var updated = Property(status, "StatusUpdatedDateTime") ?? Property(root, "EventTime");
            problem = null;
            return new AmazonNotification(sellerFulfillmentOrderId, Time(updated));
        }
    }

    private static DateTimeOffset? Time(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text
        && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
