using System.Diagnostics;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// POST /api/webhooks/order/created-fba: the shared webhook checks (<see cref="SignedWebhookReader"/>),
/// then the order id; then publishes OrderReceived. 202 only after the sidecar took the event.
/// </summary>
internal sealed partial class OrderCreatedWebhook(
    SignedWebhookReader reader,
    OrderReceivedPublisher publisher,
    WebhookMetrics metrics,
    ILogger<OrderCreatedWebhook> logger)
{
    public const string Route = "/api/webhooks/order/created-fba";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        using var webhook = await reader.ReadAsync(context);
        if (webhook.Rejection is { } rejected)
        {
            return Reject(rejected);
        }

        var (orderId, noOrderId) = OrderIdReader.Read(webhook.Document!.RootElement);
        if (orderId is null)
        {
            return Reject(noOrderId!);
        }

        Activity.Current?.SetTag("fbamesh.order_id", orderId);
        if (!await publisher.PublishAsync(orderId, webhook.TenantIdentifier))
        {
            return Reject(WebhookRejection.PublishFailed(), orderId);
        }

        metrics.Accepted();
        LogAccepted(logger, orderId, webhook.TenantIdentifier);
        return Results.Json(new WebhookAccepted(orderId, "accepted"), statusCode: StatusCodes.Status202Accepted);
    }

    private IResult Reject(WebhookRejection rejection, string? orderId = null)
    {
        metrics.Rejected(rejection);
        LogRejected(logger, rejection.Status, rejection.Code, orderId);
        return rejection.ToResult();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Accepted order {OrderId} from tenant {TenantIdentifier}")]
    private static partial void LogAccepted(ILogger logger, string orderId, string? tenantIdentifier);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected webhook with {Status} {Reason} (order {OrderId})")]
    private static partial void LogRejected(ILogger logger, int status, string reason, string? orderId);
}

/// <summary>The 202 answer: the order is queued for the enricher.</summary>
internal sealed record WebhookAccepted(string OrderId, string Status);
