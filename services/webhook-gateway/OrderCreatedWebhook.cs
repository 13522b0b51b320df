using System.Diagnostics;
using System.Text.Unicode;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// POST /api/webhooks/order/created-fba: checks the body, the signature and the order id, in that
/// order, then publishes OrderReceived. 202 only after the sidecar took the event.
/// </summary>
internal sealed partial class OrderCreatedWebhook(
    IOptions<WebhookOptions> options,
    WebhookSignatureCheck signature,
    OrderReceivedPublisher publisher,
    WebhookMetrics metrics,
    ILogger<OrderCreatedWebhook> logger)
{
    public const string Route = "/api/webhooks/order/created-fba";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var webhook = options.Value;
        if (WebhookBody.CheckContentType(request.ContentType) is { } wrongType)
        {
            return Reject(wrongType);
        }

        var body = await WebhookBody.ReadAsync(request, webhook.MaxBodyBytes, context.RequestAborted);
        if (body.Rejection is { } unreadable)
        {
            return Reject(unreadable);
        }

        if (!Utf8.IsValid(body.Bytes.Span))
        {
            return Reject(WebhookRejection.InvalidUtf8());
        }

        using var document = WebhookJson.Parse(body.Bytes, out var malformed);
        if (document is null)
        {
            return Reject(malformed!);
        }

        var tenant = webhook.TenantIdentifier;
        if (webhook.VerifySignatures)
        {
            var url = WebhookUrl.For(request, webhook.PublicBaseUrl);
            var (badSignature, signedTenant) = await signature.CheckAsync(
                request.Headers[WebhookSignatureCheck.HeaderName], url, request.Method, body.Bytes, context.RequestAborted);
            if (badSignature is not null)
            {
                return Reject(badSignature);
            }

            tenant = signedTenant;
        }

        var (orderId, noOrderId) = OrderIdReader.Read(document.RootElement);
        if (orderId is null)
        {
            return Reject(noOrderId!);
        }

        Activity.Current?.SetTag("fbamesh.order_id", orderId);
        if (!await publisher.PublishAsync(orderId, tenant))
        {
            return Reject(WebhookRejection.PublishFailed(), orderId);
        }

        metrics.Accepted();
        LogAccepted(logger, orderId, tenant);
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
