using FbaMesh.DaprEmulator.Resources;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// Reads an HTTP app's programmatic subscriptions (GET /dapr/subscribe), retrying until the app answers,
/// and applies them with the declarative ones. Re-run when a delivery finds the app unreachable, so an
/// app that restarts with other subscriptions is picked up (real daprd reads them once at start).
/// </summary>
internal sealed partial class SubscriptionDiscovery(EmulatedSidecar sidecar, HttpClient http, ILogger logger, CancellationToken meshStopping)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopped = CancellationTokenSource.CreateLinkedTokenSource(meshStopping);
    private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int running;

    public Task FirstDiscovery => first.Task;

    public void Rediscover()
    {
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0)
        {
            _ = Task.Run(DiscoverAsync, CancellationToken.None);
        }
    }

    public void Stop()
    {
        stopped.Cancel();
        first.TrySetCanceled();
    }

    private async Task DiscoverAsync()
    {
        try
        {
            var programmatic = await ReadProgrammaticAsync(stopped.Token);
            SubscriptionTable.Apply(sidecar, [.. programmatic, .. sidecar.Resources.DeclarativeSubscriptions]);
            first.TrySetResult();
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            // The sidecar stopped before its app answered.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, sidecar.AppId);
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private async Task<IReadOnlyList<Subscription>> ReadProgrammaticAsync(CancellationToken ct)
    {
        if (sidecar.Options.AppBaseAddress is not { } app)
        {
            return [];
        }

        if (sidecar.Options.AppSpeaksGrpc)
        {
            LogGrpcApp(logger, sidecar.AppId);
            return [];
        }

        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app, "/dapr/subscribe"));
                sidecar.AddAppToken(request);
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                // daprd: an app without the endpoint (404) or with an error answer has no programmatic subscriptions.
                var subscriptions = response.IsSuccessStatusCode ? SubscribeResponse.Parse(body, sidecar.AppId, logger) : [];
                LogDiscovered(logger, sidecar.AppId, subscriptions.Count, (int)response.StatusCode);
                return subscriptions;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Reading the subscriptions of {AppId} failed; the next delivery failure retries.")]
    private static partial void LogFailed(ILogger logger, Exception ex, string appId);

    [LoggerMessage(LogLevel.Information, "App {AppId}: {Count} programmatic subscription(s) read from /dapr/subscribe (HTTP {Status}).")]
    private static partial void LogDiscovered(ILogger logger, string appId, int count, int status);

    [LoggerMessage(LogLevel.Warning, "App {AppId} speaks gRPC: its subscriptions (ListTopicSubscriptions/OnTopicEvent callbacks) are not emulated.")]
    private static partial void LogGrpcApp(ILogger logger, string appId);
}
