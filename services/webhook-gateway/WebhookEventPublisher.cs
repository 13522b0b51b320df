using Dapr;
using Dapr.Client;
using FbaMesh.Contracts;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// Hands one event to the sidecar (Webhook:PubSubName) as protobuf JSON with the CloudEvent id given.
/// The gRPC call carries Activity.Current as traceparent (HttpClient's propagation), so the subscriber
/// continues this trace.
/// </summary>
internal sealed partial class WebhookEventPublisher(DaprClient dapr, IOptions<WebhookOptions> options, ILogger<WebhookEventPublisher> logger)
{
    /// <summary>True once the sidecar accepted the event; false when it refused or could not be reached.</summary>
    public async Task<bool> PublishAsync(string topic, IMessage message, string cloudEventId, string orderId)
    {
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = cloudEventId };

        // Not tied to the caller's connection: once started, the publish is allowed to finish, and an
        // unknown outcome is harmless because subscribers treat a repeat as the same request.
        using var timeout = new CancellationTokenSource(options.Value.PublishTimeout);
        try
        {
            await dapr.PublishProtobufJsonAsync(options.Value.PubSubName, topic, message, metadata, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is DaprException or Grpc.Core.RpcException or HttpRequestException or OperationCanceledException)
        {
            LogPublishFailed(logger, orderId, options.Value.PubSubName, topic, ex.GetType().Name, ex.InnerException?.Message ?? ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Publishing order {OrderId} to {PubSub}/{Topic} failed: {ErrorType}: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string orderId, string pubSub, string topic, string errorType, string error);
}
