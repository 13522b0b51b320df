using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Api;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Schema;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// The body Crystallize posts for an order-created webhook with a query attached: the query's
/// result without the <c>data</c> wrapper, <c>{"order":{"get":{…}}}</c>.
/// </summary>
public static class OrderCreatedWebhook
{
    public static string Query { get; } = WebhookQueries.Load("order-created.graphql");

    /// <summary>The body as UTF-8 JSON, or null when the store does not hold the order.</summary>
    public static byte[]? BuildBody(OrderStore store, string orderId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.PeekElement(orderId) is null)
        {
            return null;
        }

        // Crystallize runs the attached query with full access: readability does not apply.
        var data = GraphQlRunner.DataOf(OrderApiSchema.Instance, Query, new JsonObject { ["id"] = orderId }, new ApiContext(store, store.PeekElement));
        return JsonSerializer.SerializeToUtf8Bytes(data, EmulatorJson.Options);
    }
}

/// <summary>
/// The body Crystallize posts for a pipeline-stage-changed webhook with the emulator's attached
/// query (Core API, <c>order-pipeline-stage-changed.graphql</c>):
/// <c>{"order":{"id":"…","pipelines":[{"pipelineId":"…","stageId":"…"}]}}</c>.
/// </summary>
public static class PipelineStageChangedWebhook
{
    public static string Query { get; } = WebhookQueries.Load("order-pipeline-stage-changed.graphql");

    public static byte[]? BuildBody(OrderStore store, string orderId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Find(orderId) is null)
        {
            return null;
        }

        var data = GraphQlRunner.DataOf(CoreApiSchema.Instance, Query, new JsonObject { ["id"] = orderId }, new ApiContext(store, store.PeekElement));
        return JsonSerializer.SerializeToUtf8Bytes(data, EmulatorJson.Options);
    }
}

internal static class WebhookQueries
{
    public static string Load(string name)
    {
        using var stream = typeof(WebhookQueries).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded {name} query is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
