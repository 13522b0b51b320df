namespace FbaMesh.OrderEnricher.Redrive;

/// <summary>
/// The cron input binding's route: daprd probes it with OPTIONS at start (2xx or 405 = the app takes the
/// binding) and POSTs to it on every tick; 200 = handled. Only the sidecar calls it, so like every route
/// not opened it requires the app API token.
/// </summary>
internal static partial class RedriveBinding
{
    public static void MapRedriveBinding(this WebApplication app)
    {
        // Read from configuration, not the validated options: a bad value is reported when the app starts.
        var route = "/" + (app.Configuration[$"{RedriveOptions.SectionName}:{nameof(RedriveOptions.BindingName)}"] ?? new RedriveOptions().BindingName);
        app.MapMethods(route, [HttpMethods.Options], () => Results.Ok());
        app.MapPost(route, RunAsync);
    }

    private static async Task<IResult> RunAsync(Redriver redriver, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Json(await redriver.RunAsync(cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The index stays as it was; the next tick reads it again.
            LogFailed(loggers.CreateLogger(typeof(RedriveBinding).FullName!), ex);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Redrive run failed", detail: "The run stopped part-way; the next tick continues.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A redrive run failed; the next tick reads the index again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
