using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// The app's answer to GET /dapr/subscribe: a JSON array of {pubsubname, topic, route | routes {rules,
/// default}, deadLetterTopic, metadata, bulkSubscribe}. Property names are read case-insensitively,
/// as daprd's decoder does.
/// </summary>
internal static partial class SubscribeResponse
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<Subscription> Parse(string body, string appId, ILogger logger)
    {
        JsonArray? items;
        try
        {
            items = JsonNode.Parse(body, CaseInsensitive) as JsonArray;
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null)
        {
            LogUnreadable(logger, appId);
            return [];
        }

        var result = new List<Subscription>();
        foreach (var item in items.OfType<JsonObject>())
        {
            var pubsub = Text(item, "pubsubname");
            var topic = Text(item, "topic");
            if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic))
            {
                LogIncomplete(logger, appId, item.ToJsonString());
                continue;
            }

            var routes = item["routes"] as JsonObject;
            var rules = (routes?["rules"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(r => new RouteRule(Text(r, "match") ?? "", Text(r, "path") ?? ""))
                .ToList();
            var metadata = (item["metadata"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
            if (item["bulkSubscribe"] is JsonObject bulk && bulk["enabled"]?.GetValueKind() == JsonValueKind.True)
            {
                LogBulk(logger, appId, topic);
            }

            var subscription = new Subscription(pubsub, topic, Text(routes, "default") ?? Text(item, "route"), rules, Text(item, "deadLetterTopic"), metadata, Subscription.Programmatic);
            if (subscription.HasUnevaluatedRules)
            {
                LogRules(logger, appId, topic);
            }

            result.Add(subscription);
        }

        return result;
    }

    private static string? Text(JsonObject? item, string name) =>
        item?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [LoggerMessage(LogLevel.Warning, "App {AppId}: /dapr/subscribe did not answer a JSON array; no programmatic subscriptions.")]
    private static partial void LogUnreadable(ILogger logger, string appId);

    [LoggerMessage(LogLevel.Warning, "App {AppId}: subscription without pubsubname or topic ignored: {Subscription}")]
    private static partial void LogIncomplete(ILogger logger, string appId, string subscription);

    [LoggerMessage(LogLevel.Warning, "App {AppId}: bulkSubscribe on {Topic} is not emulated; events are delivered one by one.")]
    private static partial void LogBulk(ILogger logger, string appId, string topic);

    [LoggerMessage(LogLevel.Warning, "App {AppId}: routing rules with match expressions on {Topic} are not evaluated; the default route is used.")]
    private static partial void LogRules(ILogger logger, string appId, string topic);
}
