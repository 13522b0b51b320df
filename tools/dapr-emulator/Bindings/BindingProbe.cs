using System.Net;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// daprd's isAppSubscribedToBinding for HTTP apps: OPTIONS on the binding's route (3 s timeout, the
/// default app-binding-options timeout). A 2xx or 405 answer means the app listens (an ASP.NET Core app that
/// maps only POST there answers 405); anything else (404, 401, 500) means it does not, and daprd then never
/// reads that binding for this app. daprd probes once the app is up; the emulator waits for the app's
/// port the same way (connection refused means "not up yet", not "not listening").
/// </summary>
internal sealed partial class BindingProbe(HttpClient http, ILogger logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    public static string PathOf(string route) => route.StartsWith('/') ? route : "/" + route;

    public async Task<bool> AppListensAsync(EmulatedSidecar sidecar, InputBinding binding, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(sidecar.Options.AppBaseAddress!, PathOf(binding.Route)));
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(BindingDelivery.ContentType);
            sidecar.AddAppToken(request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                var status = (int)response.StatusCode;
                var listens = status / 100 == 2 || response.StatusCode == HttpStatusCode.MethodNotAllowed;
                if (listens)
                {
                    LogListens(logger, sidecar.AppId, binding.Name, PathOf(binding.Route), status);
                }
                else
                {
                    LogNotListening(logger, sidecar.AppId, binding.Name, PathOf(binding.Route), status);
                }

                return listens;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "App {AppId} listens for input binding {Binding} at {Path} (OPTIONS answered {Status}).")]
    private static partial void LogListens(ILogger logger, string appId, string binding, string path, int status);

    [LoggerMessage(LogLevel.Information, "app has not subscribed to binding {Binding}: {AppId} answered {Status} to OPTIONS {Path}; daprd reads nothing from it for this app.")]
    private static partial void LogNotListening(ILogger logger, string appId, string binding, string path, int status);
}
