using Dapr;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Pipeline;
using Google.Protobuf;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>The Dapr subscription to orders.stage-changed and the answer to each delivery.</summary>
internal static partial class StageChangedSubscriber
{
    /// <summary>Only the sidecar delivers here: like every endpoint not opened, it requires the app API token.</summary>
    public const string Route = "/events/orders-stage-changed";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <remarks>Mapped after the orders.received subscriber, which sets up the CloudEvents middleware and /dapr/subscribe.</remarks>
    public static void MapStageChangedSubscriber(this WebApplication app) =>
        app.MapPost(Route, HandleAsync).WithTopic(new TopicOptions { PubsubName = PubSub.Name, Name = PubSub.OrdersStageChanged });

    private static async Task<IResult> HandleAsync(
        HttpRequest request, StageChangeHandler handler, EnricherMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StageChangedSubscriber).FullName!);
        var changed = await ReadAsync(request, cancellationToken);
        if (changed is null)
        {
            LogUnreadable(logger);
            metrics.OrderHandled("dropped", "unreadable-stage-event");
            return Answer(DeliveryDecision.Drop);
        }

        try
        {
            return Answer(await handler.HandleAsync(changed.OrderId, changed.PipelineId, changed.StageId, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The state store or another dependency failed mid-way: the state says what was done, so try again.
            LogUnexpected(logger, changed.OrderId, ex);
            return Answer(DeliveryDecision.Retry);
        }
    }

    private static async Task<OrderStageChanged?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var changed = Parser.Parse<OrderStageChanged>(await reader.ReadToEndAsync(cancellationToken));
            return OrderId.IsValid(changed.OrderId) && changed.PipelineId.Length > 0 && changed.StageId.Length > 0 ? changed : null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping an orders.stage-changed event that is not an OrderStageChanged with a valid order, pipeline and stage.")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: the stage delivery failed unexpectedly; asking Dapr to redeliver.")]
    private static partial void LogUnexpected(ILogger logger, string orderId, Exception exception);
}
