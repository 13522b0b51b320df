using Dapr;
using FbaMesh.Contracts;
using FbaMesh.OrderEnricher.Pipeline;

namespace FbaMesh.OrderEnricher.DeadLetters;

/// <summary>
/// The subscription to orders.received.deadletter: an event that ran out of redeliveries must not vanish
/// in a topic nobody reads. Each one becomes a visible order state (see <see cref="DeadLetteredOrders"/>).
/// </summary>
internal static partial class DeadLetterSubscriber
{
    /// <summary>Only the sidecar delivers here: like every endpoint not opened, it requires the app API token.</summary>
    public const string Route = "/events/orders-received-deadletter";

    public static void MapDeadLetterSubscriber(this WebApplication app) =>
        app.MapPost(Route, HandleAsync)
            .WithTopic(new TopicOptions { PubsubName = PubSub.Name, Name = PubSub.OrdersReceivedDeadLetter });

    private static async Task<IResult> HandleAsync(
        HttpRequest request, DeadLetteredOrders orders, EnricherMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var received = await OrdersReceivedSubscriber.ReadAsync(request, cancellationToken);
        if (received is null)
        {
            // Nothing to show an operator: there is no order to attach it to.
            LogUnreadable(loggers.CreateLogger(typeof(DeadLetterSubscriber).FullName!));
            metrics.DeadLettered("unreadable");
            return DeliveryReader.Answer(DeliveryDecision.Drop);
        }

        try
        {
            var publishedAt = received.ReceivedAt?.ToDateTimeOffset();
            return DeliveryReader.Answer(await orders.RecordAsync(received.OrderId, publishedAt, cancellationToken) ? DeliveryDecision.Success : DeliveryDecision.Retry);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnexpected(loggers.CreateLogger(typeof(DeadLetterSubscriber).FullName!), received.OrderId, ex);
            return DeliveryReader.Answer(DeliveryDecision.Retry);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dead-lettered orders.received event carries no valid order id; dropped.")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: recording its dead letter failed; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, Exception exception);
}
