namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>Input binding fbamesh-tracking-poll (bindings.cron): daprd POSTs to /fbamesh-tracking-poll on each tick.</summary>
internal static class PollBinding
{
    public static void MapPollBinding(this WebApplication app)
    {
        var route = "/" + FeedNames.Poll;
        // daprd asks with OPTIONS at start whether the app takes this binding's events.
        app.MapMethods(route, [HttpMethods.Options], () => Results.Ok());
        app.MapPost(route, async (ChangesPoll poll, CancellationToken cancellationToken) =>
        {
            var report = await poll.RunAsync(cancellationToken);
            // A failed list is an error daprd logs; the next tick tries again from the same watermark.
            return report.Complete || report.Skipped || report.Retry == 0
                ? Results.Ok(report)
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Poll incomplete",
                    detail: $"{report.Retry} order(s) or page(s) could not be brought up to date; the next poll starts from the same time.");
        });
    }
}
