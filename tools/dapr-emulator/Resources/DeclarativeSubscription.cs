using System.Text.Json.Nodes;
using FbaMesh.DaprEmulator.PubSub;

namespace FbaMesh.DaprEmulator.Resources;

/// <summary>Subscription resources (dapr.io/v1alpha1 with spec.route, v2alpha1 with spec.routes).</summary>
internal static class DeclarativeSubscription
{
    public static Subscription? Read(JsonObject document, string file)
    {
        var spec = document.Object("spec");
        var pubsub = spec.Text("pubsubname");
        var topic = spec.Text("topic");
        if (pubsub is null || topic is null)
        {
            throw new InvalidDataException($"{file}: a Subscription needs spec.pubsubname and spec.topic.");
        }

        var routes = spec.Object("routes");
        var rules = routes.Items("rules")
            .Select(r => new RouteRule(r.Text("match") ?? "", r.Text("path") ?? ""))
            .ToList();
        var metadata = spec.Object("metadata")?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
            ?? [];
        return new Subscription(pubsub, topic, routes.Text("default") ?? spec.Text("route"), rules, spec.Text("deadLetterTopic"), metadata, Subscription.Declarative);
    }
}
