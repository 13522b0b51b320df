using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>What an app asked its sidecar to publish (gRPC PublishEvent or HTTP POST /v1.0/publish).</summary>
internal sealed record PublishRequest(string PubSubName, string Topic, byte[] Data, string? DataContentType, IReadOnlyDictionary<string, string> Metadata, string? TraceParent, string? TraceState);

/// <summary>
/// Builds the CloudEvent 1.0 envelope as daprd does: id (uuid unless cloudevent.id), source (the app id
/// unless cloudevent.source), type com.dapr.event.sent (unless cloudevent.type), specversion, datacontenttype
/// (text/plain when none), topic, pubsubname, time, traceid/traceparent/tracestate; application/json data as a value,
/// application/octet-stream as data_base64, anything else as a string. Data that already is a CloudEvent
/// (application/cloudevents+json) passes through with topic, pubsubname and trace fields set.
/// Keys are written in sorted order, as Go's JSON encoder writes daprd's map.
/// </summary>
internal static class CloudEventFactory
{
    public const string CloudEventContentType = "application/cloudevents+json";

    /// <summary>The envelope as the record keeps it: its JSON text and the fields the record names.</summary>
    public static CloudEventRecord Record(PublishRequest request, string appId, TimeProvider time)
    {
        var meta = new Dictionary<string, string>(request.Metadata, StringComparer.OrdinalIgnoreCase);
        var traceParent = meta.GetValueOrDefault("cloudevent.traceparent") ?? meta.GetValueOrDefault("cloudevent.traceid") ?? TraceContext.ChildOf(request.TraceParent);
        var traceState = meta.GetValueOrDefault("cloudevent.tracestate") ?? request.TraceState ?? "";
        var contentType = string.IsNullOrEmpty(request.DataContentType) ? "text/plain" : request.DataContentType;
        if (IsCloudEvent(contentType))
        {
            var envelope = PassThrough(request, time, traceParent, traceState);
            return new CloudEventRecord(
                request.PubSubName,
                request.Topic,
                envelope["id"]?.ToString() ?? "",
                envelope["source"]?.ToString() ?? "",
                envelope["type"]?.ToString() ?? "",
                envelope["datacontenttype"]?.ToString(),
                envelope.ToJsonString(),
                time.GetUtcNow());
        }

        var id = meta.GetValueOrDefault("cloudevent.id") ?? Guid.NewGuid().ToString();
        var source = meta.GetValueOrDefault("cloudevent.source") ?? appId;
        var type = meta.GetValueOrDefault("cloudevent.type") ?? "com.dapr.event.sent";
        var json = Envelope.Write(request, contentType, id, source, type, Now(time), traceParent, traceState);
        return new CloudEventRecord(request.PubSubName, request.Topic, id, source, type, contentType, json, time.GetUtcNow());
    }

    /// <summary>Data that already is a CloudEvent: its own keys, whatever they are, sorted after the additions.</summary>
    private static JsonObject PassThrough(PublishRequest request, TimeProvider time, string traceParent, string traceState)
    {
        var envelope = ParseCloudEvent(request.Data);
        envelope.TryAdd("time", Now(time));
        envelope.TryAdd("source", "Dapr");
        envelope.TryAdd("type", "com.dapr.event.sent");
        envelope.TryAdd("specversion", "1.0");
        envelope["topic"] = request.Topic;
        envelope["pubsubname"] = request.PubSubName;
        envelope["traceid"] = traceParent;
        envelope["traceparent"] = traceParent;
        envelope["tracestate"] = traceState;
        return Sorted(envelope);
    }

    /// <summary>RFC 3339 to the second, as Go's time.RFC3339 writes it.</summary>
    private static string Now(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject ParseCloudEvent(byte[] data)
    {
        try
        {
            if (JsonNode.Parse(data) is JsonObject cloudEvent)
            {
                return cloudEvent;
            }
        }
        catch (JsonException)
        {
            // Answered below as daprd answers a body it cannot read as a CloudEvent.
        }

        throw new DaprApiException(Grpc.Core.StatusCode.InvalidArgument, 400, "ERR_PUBSUB_CLOUD_EVENTS_SER", "the data is not a CloudEvent JSON object");
    }

    public static bool IsCloudEvent(string? contentType) =>
        contentType?.StartsWith(CloudEventContentType, StringComparison.OrdinalIgnoreCase) == true;

    private static JsonObject Sorted(JsonObject envelope)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in envelope.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            envelope.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
