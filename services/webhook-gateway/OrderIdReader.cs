using System.Text.Json;
using FbaMesh.Contracts;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Finds the order id in a Crystallize order-created payload: order.get.id when the GraphQL query is
/// attached, else the default payload's id or orderId; the id must follow <see cref="OrderId"/>.
/// </summary>
internal static class OrderIdReader
{
    private static readonly (string Where, string[] Path)[] Candidates =
    [
        ("order.get.id", ["order", "get", "id"]),
        ("id", ["id"]),
        ("orderId", ["orderId"]),
    ];

    public static (string? OrderId, WebhookRejection? Rejection) Read(JsonElement root)
    {
        foreach (var (where, path) in Candidates)
        {
            if (TryWalk(root, path, out var value))
            {
                return value.ValueKind == JsonValueKind.String && OrderId.IsValid(value.GetString())
                    ? (value.GetString(), null)
                    : (null, WebhookRejection.InvalidOrderId(where));
            }
        }

        return (null, WebhookRejection.MissingOrderId());
    }

    private static bool TryWalk(JsonElement element, string[] path, out JsonElement value)
    {
        value = element;
        foreach (var name in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }
        }

        // "order": {"get": null} means the attached query found nothing; treat it as absent.
        return value.ValueKind != JsonValueKind.Null;
    }
}
