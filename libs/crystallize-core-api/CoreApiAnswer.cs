using System.Text.Json.Nodes;

namespace FbaMesh.Crystallize.CoreApi;

/// <summary>
/// Reads a Core API answer leniently: the order may come as the Order member of a result union, a
/// problem as a BasicError member or as GraphQL errors (an unknown order: code NOT_FOUND).
/// </summary>
internal static class CoreApiAnswer
{
    public static CoreApiOutcome Read(JsonNode? body, string field, string operationName, bool changed)
    {
        var result = body?["data"]?[field] as JsonObject;
        var errors = body?["errors"] as JsonArray;
        if (result is not null && result["id"] is JsonValue)
        {
            return new CoreApiOutcome.Done(Order(result), changed);
        }

        if (result?["errorName"] is JsonValue errorName)
        {
            var name = errorName.ToString();
            return name.Contains("NotFound", StringComparison.OrdinalIgnoreCase)
                ? new CoreApiOutcome.NotFound()
                : new CoreApiOutcome.Failed($"Crystallize answered {operationName} with {name}.", Transient: false);
        }

        var codes = errors?.Select(e => e?["extensions"]?["code"]?.ToString() ?? "UNKNOWN").ToList() ?? [];
        if (codes.Count > 0 && codes.All(c => c == "NOT_FOUND"))
        {
            return new CoreApiOutcome.NotFound();
        }

        if (codes.Count > 0)
        {
            // The request itself is wrong: trying again will not help.
            var permanent = codes.Any(c => c is "BAD_USER_INPUT" or "GRAPHQL_VALIDATION_FAILED" or "GRAPHQL_PARSE_FAILED");
            return new CoreApiOutcome.Failed($"Crystallize answered {operationName} with GraphQL errors {string.Join(",", codes.Distinct())}.", !permanent);
        }

        return new CoreApiOutcome.Failed($"Crystallize's answer to {operationName} has no order.", Transient: true);
    }

    /// <summary>A page of the orders connection, or why not (a BasicError member, GraphQL errors, no page).</summary>
    public static CoreApiListing ReadOrderPage(JsonNode? body, string operationName)
    {
        var connection = body?["data"]?["orders"] as JsonObject;
        if (connection?["errorName"] is JsonValue errorName)
        {
            return new CoreApiListing.Failed($"Crystallize answered {operationName} with {errorName}.", Transient: true);
        }

        if (body?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var codes = errors.Select(e => e?["extensions"]?["code"]?.ToString() ?? "UNKNOWN").Distinct().ToList();
            var permanent = codes.Any(c => c is "BAD_USER_INPUT" or "GRAPHQL_VALIDATION_FAILED" or "GRAPHQL_PARSE_FAILED");
            return new CoreApiListing.Failed($"Crystallize answered {operationName} with GraphQL errors {string.Join(",", codes)}.", !permanent);
        }

        if (connection?["pageInfo"] is not JsonObject pageInfo)
        {
            return new CoreApiListing.Failed($"Crystallize's answer to {operationName} has no order page.", Transient: true);
        }

        var ids = (connection["edges"] as JsonArray ?? [])
            .Select(e => e?["node"]?["id"])
            .OfType<JsonValue>()
            .Select(id => id.ToString())
            .ToList();
        var hasNextPage = pageInfo["hasNextPage"] is JsonValue more && more.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var endCursor = pageInfo["endCursor"] is JsonValue cursor ? cursor.ToString() : null;
        return new CoreApiListing.Read(new CoreApiOrderPage(ids, hasNextPage, endCursor));
    }

    private static CoreApiOrder Order(JsonObject order)
    {
        var meta = (order["meta"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(m => m["key"] is JsonValue key && !string.IsNullOrEmpty(key.ToString()))
            .Select(m => new MetaEntry(m["key"]!.ToString(), m["value"] is JsonValue v ? v.ToString() : null))
            .ToList();
        var pipelines = (order["pipelines"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(p => p["pipelineId"] is JsonValue && p["stageId"] is JsonValue)
            .Select(p => new PipelineStage(p["pipelineId"]!.ToString(), p["stageId"]!.ToString()))
            .ToList();
        return new CoreApiOrder(order["id"]!.ToString(), meta, pipelines);
    }
}
