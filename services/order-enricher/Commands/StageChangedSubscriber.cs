using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Pipeline;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>The Dapr subscription to orders.stage-changed and the answer to each delivery.</summary>
internal static partial class StageChangedSubscriber
{
    /// <summary>Only the sidecar delivers here: like every endpoint not opened, it requires the app API token.</summary>
    public const string Route = "/events/orders-stage-changed";

    /// <remarks>Mapped after the orders.received subscriber, which sets up the CloudEvents middleware and /dapr/subscribe.</remarks>
    public static void MapStageChangedSubscriber(this WebApplication app) =>
        app.MapPost(Route, HandleAsync).WithTopic(new TopicOptions { PubsubName = PubSub.Name, Name = PubSub.OrdersStageChanged });

    private static async Task<IResult> HandleAsync(
        HttpRequest request, StageChangeHandler handler, EnricherMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StageChangedSubscriber).FullName!);
        var changed = await DeliveryReader.ReadAsync<OrderStageChanged>(
            request, c => OrderId.IsValid(c.OrderId) && c.PipelineId.Length > 0 && c.StageId.Length > 0, cancellationToken);
        if (changed is null)
        {
            LogUnreadable(logger);
            metrics.OrderHandled("dropped", "unreadable-stage-event");
            return DeliveryReader.Answer(DeliveryDecision.Drop);
        }

        try
        {
            return DeliveryReader.Answer(await handler.HandleAsync(changed.OrderId, changed.PipelineId, changed.StageId, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The state store or another dependency failed mid-way: the state says what was done, so try again.
            LogUnexpected(logger, changed.OrderId, ex);
            return DeliveryReader.Answer(DeliveryDecision.Retry);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping an orders.stage-changed event that is not an OrderStageChanged with a valid order, pipeline and stage.")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: the stage delivery failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, Exception exception);
}
