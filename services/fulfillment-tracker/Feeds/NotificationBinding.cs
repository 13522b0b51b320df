using FbaMesh.FulfillmentTracker.Tracking;

namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>
/// Input binding fbamesh-amazon-notifications (SQS on Kubernetes): daprd POSTs each message to
/// /fbamesh-amazon-notifications. A 2xx answer deletes the message; any other answer leaves it on the
/// queue for redelivery. A message that can never be used is answered 200 (and logged), so it does not
/// come back forever.
/// </summary>
internal static partial class NotificationBinding
{
    public static void MapNotificationBinding(this WebApplication app)
    {
        var route = "/" + FeedNames.Notifications;
        // daprd asks with OPTIONS at start whether the app takes this binding's events.
        app.MapMethods(route, [HttpMethods.Options], () => Results.Ok());
        app.MapPost(route, HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, OrderTracker tracker, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(NotificationBinding).FullName!);
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        var notification = AmazonNotificationReader.Read(body, out var problem);
        if (notification is null)
        {
            LogUnusable(logger, problem ?? "unknown");
            return Results.Ok(new { status = "ignored", reason = problem });
        }

        var outcome = await tracker.RefreshAsync(notification.SellerFulfillmentOrderId, notification.StatusUpdatedAt, cancellationToken);
        return outcome == RefreshOutcome.Retry
            ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again later",
                detail: "The order could not be brought up to date now; the message stays on the queue.")
            : Results.Ok(new { status = outcome.ToString() });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring an Amazon notification that cannot be used: {Problem}.")]
    private static partial void LogUnusable(ILogger logger, string problem);
}
