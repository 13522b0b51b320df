using FbaMesh.ServiceDefaults;

namespace FbaMesh.WebhookGateway;

/// <summary>Maps the webhook routes and turns the few expected exceptions into answers, so no request ends in a 500.</summary>
internal static partial class WebhookEndpoints
{
    // Crystallize holds no app token; each webhook is authenticated by its own signature.
    public static void MapWebhooks(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapWebhook(OrderCreatedWebhook.Route, (OrderCreatedWebhook webhook, HttpContext context) => webhook.HandleAsync(context));
        app.MapWebhook(PipelineStageChangedWebhook.Route, (PipelineStageChangedWebhook webhook, HttpContext context) => webhook.HandleAsync(context));
    }

    /// <summary>One signed webhook route: open without the app token, under the shared concurrency limit.</summary>
    private static void MapWebhook<TWebhook>(this WebApplication app, string route, Func<TWebhook, HttpContext, Task<IResult>> handle)
        where TWebhook : notnull =>
        app.MapPost(route, (HttpContext context, TWebhook webhook, WebhookMetrics metrics, ILoggerFactory loggers) =>
                HandleAsync(context, () => handle(webhook, context), metrics, loggers))
            .AllowWithoutAppToken()
            .RequireRateLimiting(WebhookConcurrency.PolicyName);

    private static async Task<IResult> HandleAsync(HttpContext context, Func<Task<IResult>> handle, WebhookMetrics metrics, ILoggerFactory loggers)
    {
        WebhookRejection rejection;
        try
        {
            return await handle();
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
        LogRejected(loggers.CreateLogger(typeof(WebhookEndpoints).FullName!), rejection.Status, rejection.Code);
        return rejection.ToResult();
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected webhook with {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}
