using Dapr;
using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Hands OrderReceived to the sidecar (fbamesh-pubsub / orders.received) as protobuf JSON. The
/// CloudEvent id is derived from the order id, so a webhook Crystallize retries, or sends twice, is
/// recognisable downstream as the same event. The gRPC call carries Activity.Current as traceparent
/// (HttpClient's propagation), so the enricher continues this trace.
/// </summary>
internal sealed partial class OrderReceivedPublisher(
    DaprClient dapr, IOptions<WebhookOptions> options, TimeProvider time, ILogger<OrderReceivedPublisher> logger)
{
    public const string CloudEventIdPrefix = "crystallize-order-created-";

    public static string CloudEventId(string orderId) => CloudEventIdPrefix + orderId;

    /// <summary>True once the sidecar accepted the event; false when it refused or could not be reached.</summary>
    public async Task<bool> PublishAsync(string orderId, string? tenantIdentifier)
    {
        var message = new OrderReceived
        {
            OrderId = orderId,
            TenantIdentifier = tenantIdentifier ?? string.Empty,
            ReceivedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = CloudEventId(orderId) };

        // Not tied to the caller's connection: once started, the publish is allowed to finish, and an
        // unknown outcome is harmless because a retry carries the same CloudEvent id.
        using var timeout = new CancellationTokenSource(options.Value.PublishTimeout);
        try
        {
            await dapr.PublishProtobufJsonAsync(
                options.Value.PubSubName, options.Value.Topic, message, metadata, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is DaprException or Grpc.Core.RpcException or HttpRequestException or OperationCanceledException)
        {
            LogPublishFailed(logger, orderId, options.Value.PubSubName, options.Value.Topic, ex.GetType().Name, ex.InnerException?.Message ?? ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Publishing order {OrderId} to {PubSub}/{Topic} failed: {ErrorType}: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string orderId, string pubSub, string topic, string errorType, string error);
}
