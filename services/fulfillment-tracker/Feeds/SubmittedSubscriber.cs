using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.FulfillmentTracker.Tracking;
using Google.Protobuf;

namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>fulfillment.submitted: Amazon holds the order, so the tracker starts following it.</summary>
internal static partial class SubmittedSubscriber
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static void MapSubmittedSubscriber(this WebApplication app)
    {
        app.UseCloudEvents();
        app.MapSubscribeHandler();
        // Only the sidecar delivers here: like every endpoint not opened, it requires the app API token.
        app.MapPost(FeedNames.SubmittedRoute, HandleAsync)
            .WithTopic(new TopicOptions { PubsubName = PubSub.Name, Name = PubSub.FulfillmentSubmitted });
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, OrderTracker tracker, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SubmittedSubscriber).FullName!);
        FulfillmentSubmitted submitted;
        try
        {
            using var reader = new StreamReader(request.Body);
            submitted = Parser.Parse<FulfillmentSubmitted>(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            LogUnreadable(logger);
            return Answer("DROP");
        }

        if (!OrderId.IsValid(submitted.OrderId) || string.IsNullOrWhiteSpace(submitted.SellerFulfillmentOrderId) || submitted.SellerFulfillmentOrderId.Length > 40)
        {
            LogUnreadable(logger);
            return Answer("DROP");
        }

        try
        {
            var outcome = await tracker.StartAsync(submitted.OrderId, submitted.SellerFulfillmentOrderId, cancellationToken);
            // A first look that failed is retried: a change Amazon made before tracking began is seen by no poll.
            return Answer(outcome == RefreshOutcome.Retry ? "RETRY" : "SUCCESS");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnexpected(logger, submitted.OrderId, ex);
            return Answer("RETRY");
        }
    }

    private static IResult Answer(string status) => Results.Json(new { status });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a fulfillment.submitted event without a valid order id and seller fulfillment order id.")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: starting to track it failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, Exception exception);
}
