using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using GraphQL;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// The Core API's order mutations. Input is checked in full before anything changes, so a refused
/// mutation changes nothing and is not in the write log.
/// </summary>
internal static class OrderWrites
{
    public const string UpdateOrder = "updateOrder";
    public const string UpdateOrderPipelineStage = "updateOrderPipelineStage";

    /// <summary>Sets the given meta keys (keeping the order's other keys, in place) and additionalInformation.</summary>
    public static OrderSnapshot Update(IResolveFieldContext context, string id, UpdateOrderInput input)
    {
        var meta = input.Meta ?? [];
        if (meta.FirstOrDefault(pair => string.IsNullOrWhiteSpace(pair.Key)) is not null)
        {
            throw CoreOrders.BadInput("A meta key must not be empty.");
        }

        if (meta.GroupBy(pair => pair.Key, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw CoreOrders.BadInput($"The meta key \"{twice.Key}\" is given more than once.");
        }

        var written = new JsonObject();
        if (input.Meta is not null)
        {
            written["meta"] = Pairs(meta);
        }

        if (input.AdditionalInformation is not null)
        {
            written["additionalInformation"] = input.AdditionalInformation;
        }

        return ApiContext.Of(context).Store.Update(id, UpdateOrder, written, order =>
        {
            if (input.Meta is not null)
            {
                order["meta"] = Merge(order["meta"] as JsonArray, meta);
            }

            if (input.AdditionalInformation is not null)
            {
                order["additionalInformation"] = input.AdditionalInformation;
            }
        }) ?? throw CoreOrders.NotFound(id);
    }

    /// <summary>Puts the order in <paramref name="stageId"/> of <paramref name="pipelineId"/>, adding the pipeline when it is new.</summary>
    public static OrderSnapshot MoveToStage(IResolveFieldContext context, string id, string pipelineId, string stageId) =>
        MoveToStage(ApiContext.Of(context).Store, UpdateOrderPipelineStage, id, pipelineId, stageId);

    public static OrderSnapshot MoveToStage(OrderStore store, string operation, string id, string pipelineId, string stageId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrWhiteSpace(pipelineId) || string.IsNullOrWhiteSpace(stageId))
        {
            throw CoreOrders.BadInput("pipelineId and stageId must not be empty.");
        }

        var written = new JsonObject { ["pipelineId"] = pipelineId, ["stageId"] = stageId };
        return store.Update(id, operation, written, order =>
        {
            var stage = new JsonObject { ["pipelineId"] = pipelineId, ["stageId"] = stageId };
            var pipelines = (order["pipelines"] as JsonArray ?? []).Select(p => p?.DeepClone()).ToList();
            var at = pipelines.FindIndex(p => p?["pipelineId"]?.ToString() == pipelineId);
            if (at >= 0)
            {
                pipelines[at] = stage;
            }
            else
            {
                pipelines.Add(stage);
            }

            order["pipelines"] = new JsonArray([.. pipelines]);
        }) ?? throw CoreOrders.NotFound(id);
    }

    private static JsonArray Merge(JsonArray? existing, List<KeyValuePairInput> changes)
    {
        var byKey = changes.ToDictionary(pair => pair.Key, StringComparer.Ordinal);
        var merged = new List<JsonNode?>();
        foreach (var pair in existing ?? [])
        {
            var key = pair?["key"]?.ToString();
            merged.Add(key is not null && byKey.Remove(key, out var change) ? Pair(change) : pair?.DeepClone());
        }

        merged.AddRange(changes.Where(change => byKey.ContainsKey(change.Key)).Select(Pair));
        return new JsonArray([.. merged]);
    }

    private static JsonArray Pairs(IEnumerable<KeyValuePairInput> pairs) => new([.. pairs.Select(Pair)]);

    private static JsonObject Pair(KeyValuePairInput pair) => new() { ["key"] = pair.Key, ["value"] = pair.Value };
}
