using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// daprd's sendBindingEventToApp over HTTP (dapr/dapr pkg/runtime/processor/binding/send.go and
/// pkg/channel/http/http_channel.go): POST to the binding's route, the event's data as the raw body with
/// Content-Type application/json whatever the data is, each metadata item of the event as a header, and
/// the app's token. Only a 2xx answer means handled.
/// </summary>
internal sealed partial class BindingDelivery(HttpClient http, BindingHistory history, TimeProvider time, ILogger logger)
{
    public const string ContentType = "application/json";

    public async Task<bool> DeliverAsync(EmulatedSidecar sidecar, InputBinding binding, byte[] data, IReadOnlyDictionary<string, string> metadata, string? messageId, CancellationToken ct)
    {
        var app = sidecar.Options.AppBaseAddress!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, BindingProbe.PathOf(binding.Route)));
        request.Content = new ByteArrayContent(data);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        foreach (var (name, value) in metadata)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        sidecar.AddAppToken(request);
        int? status = null;
        string? failure = null;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                failure = $"status code: {status} body: {Shorten(body)}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            failure = $"error invoking app: {ex.Message}";
        }

        history.Record(new BindingDeliveryRecord(sidecar.AppId, binding.Name, BindingProbe.PathOf(binding.Route), messageId, status, failure is null, time.GetUtcNow()));
        if (failure is not null)
        {
            LogFailed(logger, binding.Name, sidecar.AppId, failure);
        }

        return failure is null;
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";

    [LoggerMessage(LogLevel.Warning, "Binding {Binding}: event to {AppId} not handled ({Failure}).")]
    private static partial void LogFailed(ILogger logger, string binding, string appId, string failure);
}
