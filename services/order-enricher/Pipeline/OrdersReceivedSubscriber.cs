using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>The Dapr subscription to orders.received and the answer to each delivery.</summary>
internal static partial class OrdersReceivedSubscriber
{
    /// <summary>Only the sidecar delivers here: like every endpoint not opened, it requires the app API token.</summary>
    public const string Route = "/events/orders-received";

    public static void MapOrdersReceivedSubscriber(this WebApplication app)
    {
        app.UseCloudEvents();
        app.MapSubscribeHandler();
        app.MapPost(Route, HandleAsync)
            .WithTopic(new TopicOptions { PubsubName = PubSub.Name, Name = PubSub.OrdersReceived, DeadLetterTopic = PubSub.OrdersReceivedDeadLetter });
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, OrderPipeline pipeline, EnricherMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(OrdersReceivedSubscriber).FullName!);
        var orderId = await ReadOrderIdAsync(request, cancellationToken);
        if (orderId is null)
        {
            LogUnreadable(logger);
            metrics.OrderHandled("dropped", "unreadable-event");
            return DeliveryReader.Answer(DeliveryDecision.Drop);
        }

        try
        {
            return DeliveryReader.Answer(await pipeline.HandleAsync(orderId, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The state store or another dependency failed mid-way: nothing final was recorded, so try again.
            LogUnexpected(logger, orderId, ex);
            metrics.OrderHandled("retry", "unexpected-error");
            return DeliveryReader.Answer(DeliveryDecision.Retry);
        }
    }

    /// <summary>The order id of an OrderReceived (protobuf JSON), or null when the event is unusable.</summary>
    public static async Task<string?> ReadOrderIdAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadAsync(request, cancellationToken))?.OrderId;

    /// <summary>An OrderReceived (protobuf JSON) with a valid order id, or null when the event is unusable.</summary>
    public static Task<OrderReceived?> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        DeliveryReader.ReadAsync<OrderReceived>(request, r => OrderId.IsValid(r.OrderId), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping an orders.received event that is not an OrderReceived with a valid order id.")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: the delivery failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, Exception exception);
}
