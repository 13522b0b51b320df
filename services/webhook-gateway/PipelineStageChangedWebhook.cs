using System.Diagnostics;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// POST /api/webhooks/order/pipeline-stage-changed: the shared webhook checks (<see cref="SignedWebhookReader"/>),
/// then the order and its stages; publishes one OrderStageChanged per stage. 202 only after the sidecar
/// took every one; otherwise 503 and Crystallize retries (the enricher does each command once).
/// </summary>
internal sealed partial class PipelineStageChangedWebhook(
    SignedWebhookReader reader,
    OrderStageChangedPublisher publisher,
    WebhookMetrics metrics,
    ILogger<PipelineStageChangedWebhook> logger)
{
    public const string Route = "/api/webhooks/order/pipeline-stage-changed";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        using var webhook = await reader.ReadAsync(context);
        if (webhook.Rejection is { } rejected)
        {
            return Reject(rejected);
        }

        var (orderId, stages, invalid) = StageChangeReader.Read(webhook.Document!.RootElement);
        if (invalid is not null)
        {
            return Reject(invalid, orderId);
        }

        Activity.Current?.SetTag("fbamesh.order_id", orderId);
        foreach (var stage in stages)
        {
            if (!await publisher.PublishAsync(orderId!, stage, webhook.TenantIdentifier, webhook.IssuedAt))
            {
                return Reject(WebhookRejection.PublishFailed(), orderId);
            }
        }

        metrics.Accepted();
        LogAccepted(logger, orderId!, stages.Count, webhook.TenantIdentifier);
        return Results.Json(new StageChangeAccepted(orderId!, "accepted", stages.Count), statusCode: StatusCodes.Status202Accepted);
    }

    private IResult Reject(WebhookRejection rejection, string? orderId = null)
    {
        metrics.Rejected(rejection);
        LogRejected(logger, rejection.Status, rejection.Code, orderId);
        return rejection.ToResult();
    }

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Accepted the stages of order {OrderId} ({StageCount} published) from tenant {TenantIdentifier}")]
    private static partial void LogAccepted(ILogger logger, string orderId, int stageCount, string? tenantIdentifier);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Rejected stage webhook with {Status} {Reason} (order {OrderId})")]
    private static partial void LogRejected(ILogger logger, int status, string reason, string? orderId);
}

/// <summary>The 202 answer: one event per stage the order stands in is queued for the enricher.</summary>
internal sealed record StageChangeAccepted(string OrderId, string Status, int Stages);
