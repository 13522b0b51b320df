using FbaMesh.ServiceDefaults;

namespace FbaMesh.WebhookGateway;

/// <summary>Maps the webhook route and turns the few expected exceptions into answers, so no request ends in a 500.</summary>
internal static partial class WebhookEndpoints
{
    // Crystallize holds no app token; the webhook is authenticated by its own signature.
    public static void MapOrderCreatedWebhook(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapPost(OrderCreatedWebhook.Route, HandleAsync).AllowWithoutAppToken().RequireRateLimiting(WebhookConcurrency.PolicyName);
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, OrderCreatedWebhook webhook, WebhookMetrics metrics, ILogger<OrderCreatedWebhook> logger)
    {
        WebhookRejection rejection;
        try
        {
            return await webhook.HandleAsync(context);
        }
        catch (SignatureSecretUnavailableException)
        {
            rejection = WebhookRejection.SecretUnavailable();
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own verdicts on the request (body too slow, broken chunking, …).
            rejection = WebhookRejection.BadRequest(ex.StatusCode, "The request body could not be read.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The sender hung up: nothing was published and nobody is listening for an answer.
            return Results.Empty;
        }

        metrics.Rejected(rejection);
        LogRejected(logger, rejection.Status, rejection.Code);
        return rejection.ToResult();
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected webhook with {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
