using Grpc.Core;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>Publishing through one sidecar, with the checks and error answers of daprd.</summary>
internal static class Publishing
{
    public static CloudEventRecord Publish(this EmulatedSidecar sidecar, PublishRequest request)
    {
        if (string.IsNullOrEmpty(request.PubSubName))
        {
            throw new DaprApiException(StatusCode.InvalidArgument, 404, "ERR_PUBSUB_EMPTY", "pubsub name is empty");
        }

        if (!sidecar.HasComponents("pubsub"))
        {
            throw new DaprApiException(StatusCode.FailedPrecondition, 400, "ERR_PUBSUB_NOT_CONFIGURED", "no pubsub is configured");
        }

        if (sidecar.Component(request.PubSubName, "pubsub") is not { } component)
        {
            // Also the answer for a component scoped away from this app: daprd never loaded it.
            throw new DaprApiException(StatusCode.InvalidArgument, 404, "ERR_PUBSUB_NOT_FOUND", $"pubsub {request.PubSubName} not found");
        }

        if (string.IsNullOrEmpty(request.Topic))
        {
            throw new DaprApiException(StatusCode.InvalidArgument, 404, "ERR_TOPIC_EMPTY", $"topic is empty in pubsub {request.PubSubName}");
        }

        if (request.Metadata.TryGetValue("rawPayload", out var raw) && bool.TryParse(raw, out var isRaw) && isRaw)
        {
            throw new DaprApiException(StatusCode.Unimplemented, 501, "ERR_NOT_IMPLEMENTED", "the Dapr emulator does not implement rawPayload publishing");
        }

        var record = CloudEventFactory.Record(request, sidecar.AppId, sidecar.Shared.Time);
        sidecar.Shared.Broker(component).Publish(record);
        return record;
    }
}
