using System.Diagnostics;
using System.Text.Unicode;
using FbaMesh.Crystallize.Signing;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// POST /api/webhooks/order/created-fba: checks the content type and the signature token (headers
/// only), then reads the body and checks that it is JSON, that it hashes to the token's hmac claim, and
/// its order id, in that order; then publishes OrderReceived. 202 only after the sidecar took the event.
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

        // A forged, stale or unsigned request is refused on its headers: its body is never read or buffered.
        var tenant = webhook.TenantIdentifier;
        VerifiedToken? token = null;
        if (webhook.VerifySignatures)
        {
            (var badToken, token) = await signature.CheckTokenAsync(request.Headers[WebhookSignatureCheck.HeaderName], context.RequestAborted);
            if (badToken is not null)
            {
                return Reject(badToken);
            }

            tenant = token!.TenantIdentifier;
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

        if (token is not null
            && WebhookSignatureCheck.CheckBody(token, WebhookUrl.For(request, webhook.PublicBaseUrl), request.Method, body.Bytes) is { } badBody)
        {
            return Reject(badBody);
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
