using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Pipeline;

namespace FbaMesh.OrderEnricher.Fulfillment;

/// <summary>
/// Dapr subscriptions to the fulfillment-tracker's topics (fulfillment.shipped, .completed, .cancelled,
/// .unfulfillable). Only the sidecar delivers here: like every endpoint not opened, they need the app token.
/// </summary>
internal static partial class FulfillmentProgressSubscriber
{
    public static void MapFulfillmentProgressSubscriber(this WebApplication app)
    {
        Map(app, "/events/fulfillment-shipped", PubSub.FulfillmentShipped, ProgressKind.Shipped,
            async (request, ct) => (await DeliveryReader.ReadAsync<FulfillmentShipped>(request, m => m.Progress is not null, ct))?.Progress);
        Map(app, "/events/fulfillment-completed", PubSub.FulfillmentCompleted, ProgressKind.Completed,
            async (request, ct) => (await DeliveryReader.ReadAsync<FulfillmentCompleted>(request, m => m.Progress is not null, ct))?.Progress);
        Map(app, "/events/fulfillment-cancelled", PubSub.FulfillmentCancelled, ProgressKind.Cancelled,
            async (request, ct) => (await DeliveryReader.ReadAsync<FulfillmentCancelled>(request, m => m.Progress is not null, ct))?.Progress);
        Map(app, "/events/fulfillment-unfulfillable", PubSub.FulfillmentUnfulfillable, ProgressKind.Unfulfillable,
            async (request, ct) => (await DeliveryReader.ReadAsync<FulfillmentUnfulfillable>(request, m => m.Progress is not null, ct))?.Progress);
    }

    private static void Map(WebApplication app, string route, string topic, ProgressKind kind, Func<HttpRequest, CancellationToken, Task<FulfillmentProgress?>> read)
    {
        app.MapPost(route, async (HttpRequest request, FulfillmentProgressRecorder recorder, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var logger = loggers.CreateLogger(typeof(FulfillmentProgressSubscriber).FullName!);
            var progress = await read(request, cancellationToken);
            if (progress is null || !OrderId.IsValid(progress.OrderId))
            {
                LogUnreadable(logger, topic);
                return DeliveryReader.Answer(DeliveryDecision.Drop);
            }

            try
            {
                return DeliveryReader.Answer(await recorder.RecordAsync(kind, progress, cancellationToken));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogUnexpected(logger, progress.OrderId, topic, ex);
                return DeliveryReader.Answer(DeliveryDecision.Retry);
            }
        }).WithTopic(PubSub.Name, topic);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a {Topic} event without a readable order id.")]
    private static partial void LogUnreadable(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: recording {Topic} failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, string topic, Exception exception);
}
