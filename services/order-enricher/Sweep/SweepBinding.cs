namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>
/// The cron input binding's route for the sweep: OPTIONS answers daprd's probe at start, POST runs a
/// sweep (200 = handled). Only the sidecar calls it, so it requires the app API token.
/// </summary>
internal static partial class SweepBinding
{
    public static void MapSweepBinding(this WebApplication app)
    {
        // Read from configuration, not the validated options: a bad value is reported when the app starts.
        var route = "/" + (app.Configuration[$"{SweepOptions.SectionName}:{nameof(SweepOptions.BindingName)}"] ?? new SweepOptions().BindingName);
        app.MapMethods(route, [HttpMethods.Options], () => Results.Ok());
        app.MapPost(route, RunAsync);
    }

    private static async Task<IResult> RunAsync(ReconciliationSweep sweep, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Json(await sweep.RunAsync(cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(loggers.CreateLogger(typeof(SweepBinding).FullName!), ex);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sweep failed", detail: "The sweep stopped part-way; the next tick sweeps again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reconciliation sweep failed; the next tick sweeps again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
