using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// The body Crystallize posts for an order-created webhook with a query attached: the query's
/// result without the <c>data</c> wrapper, <c>{"order":{"get":{…}}}</c>.
/// </summary>
public static class OrderCreatedWebhook
{
    public static string Query { get; } = LoadQuery();

    /// <summary>The body as UTF-8 JSON, or null when the store does not hold the order.</summary>
    public static byte[]? BuildBody(OrderStore store, string orderId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.PeekElement(orderId) is null)
        {
            return null;
        }

        // Crystallize runs the attached query with full access: readability does not apply.
        var query = OrderQuery.Prepare(Query, null, new JsonObject { ["id"] = orderId });
        var response = OrderQueryExecutor.Execute(query, store.PeekElement);
        return JsonSerializer.SerializeToUtf8Bytes(response["data"], EmulatorJson.Options);
    }

    private static string LoadQuery()
    {
        using var stream = typeof(OrderCreatedWebhook).Assembly.GetManifestResourceStream("order-created.graphql")
            ?? throw new InvalidOperationException("The embedded order-created.graphql query is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
