using System.Text.Json;
using System.Text.RegularExpressions;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Finds the order id in a Crystallize order-created payload: order.get.id when the GraphQL query is
/// attached, else the default payload's id or orderId. Ids are Crystallize's 24 lowercase hex
/// characters; uppercase is refused rather than normalised, because Crystallize never sends it and
/// a rewritten id would no longer be the id the merchant sees.
/// </summary>
internal static partial class OrderIdReader
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
                return value.ValueKind == JsonValueKind.String && IsOrderId(value.GetString())
                    ? (value.GetString(), null)
                    : (null, WebhookRejection.InvalidOrderId(where));
            }
        }

        return (null, WebhookRejection.MissingOrderId());
    }

    public static bool IsOrderId(string? value) => value is not null && OrderIdPattern().IsMatch(value);

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

    [GeneratedRegex("^[0-9a-f]{24}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrderIdPattern();
}
