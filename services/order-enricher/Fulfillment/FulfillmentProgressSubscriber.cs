using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Pipeline;
using Google.Protobuf;

namespace FbaMesh.OrderEnricher.Fulfillment;

/// <summary>
/// Dapr subscriptions to the fulfillment-tracker's topics (fulfillment.shipped, .completed, .cancelled,
/// .unfulfillable). Only the sidecar delivers here: like every endpoint not opened, they need the app token.
/// </summary>
internal static partial class FulfillmentProgressSubscriber
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static void MapFulfillmentProgressSubscriber(this WebApplication app)
    {
        Map(app, "/events/fulfillment-shipped", PubSub.FulfillmentShipped, ProgressKind.Shipped, json => Parser.Parse<FulfillmentShipped>(json).Progress);
        Map(app, "/events/fulfillment-completed", PubSub.FulfillmentCompleted, ProgressKind.Completed, json => Parser.Parse<FulfillmentCompleted>(json).Progress);
        Map(app, "/events/fulfillment-cancelled", PubSub.FulfillmentCancelled, ProgressKind.Cancelled, json => Parser.Parse<FulfillmentCancelled>(json).Progress);
        Map(app, "/events/fulfillment-unfulfillable", PubSub.FulfillmentUnfulfillable, ProgressKind.Unfulfillable, json => Parser.Parse<FulfillmentUnfulfillable>(json).Progress);
    }

    private static void Map(WebApplication app, string route, string topic, ProgressKind kind, Func<string, FulfillmentProgress?> parse)
    {
        app.MapPost(route, async (HttpRequest request, FulfillmentProgressRecorder recorder, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var logger = loggers.CreateLogger(typeof(FulfillmentProgressSubscriber).FullName!);
            FulfillmentProgress? progress;
            try
            {
                using var reader = new StreamReader(request.Body);
                progress = parse(await reader.ReadToEndAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
            {
                progress = null;
            }

            if (progress is null || !OrderId.IsValid(progress.OrderId))
            {
                LogUnreadable(logger, topic);
                return Answer(DeliveryDecision.Drop);
            }

            try
            {
                return Answer(await recorder.RecordAsync(kind, progress, cancellationToken));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogUnexpected(logger, progress.OrderId, topic, ex);
                return Answer(DeliveryDecision.Retry);
            }
        }).WithTopic(PubSub.Name, topic);
    }

    private static IResult Answer(DeliveryDecision decision) => Results.Json(new
    {
        status = decision switch
        {
            DeliveryDecision.Success => "SUCCESS",
            DeliveryDecision.Retry => "RETRY",
            _ => "DROP",
        },
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a {Topic} event without a readable order id.")]
    private static partial void LogUnreadable(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: recording {Topic} failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, string topic, Exception exception);
}
