using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// Delivers one event to one app by POST to the subscription's route with Content-Type
/// application/cloudevents+json, and reads the app's answer as daprd does.
/// </summary>
internal sealed partial class EventDelivery(HttpClient http, ILogger logger)
{
    public async Task<DeliveryOutcome> DeliverAsync(EmulatedSidecar sidecar, Subscription subscription, CloudEventRecord record, CancellationToken ct)
    {
        var route = subscription.RouteFor();
        if (sidecar.Options.AppBaseAddress is not { } app || route is null)
        {
            LogNoRoute(logger, sidecar.AppId, record.Topic);
            return DeliveryOutcome.Drop;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, route.StartsWith('/') ? route : "/" + route));
        request.Content = new StringContent(record.Json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventFactory.CloudEventContentType);
        if (record.Envelope.TryGetProperty("traceparent", out var tp) && tp.GetString() is { Length: > 0 } traceParent)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }

        sidecar.AddAppToken(request);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return Classify((int)response.StatusCode, body, sidecar.AppId, record);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogUnreachable(logger, sidecar.AppId, record.Topic, record.Id, ex.Message);
            return DeliveryOutcome.Unreachable;
        }
    }

    private DeliveryOutcome Classify(int status, string body, string appId, CloudEventRecord record)
    {
        if (status == 404)
        {
            LogNotFound(logger, appId, record.Topic, record.Id);
            return DeliveryOutcome.Drop;
        }

        if (status is < 200 or > 299)
        {
            LogRetriable(logger, appId, record.Topic, record.Id, status);
            return DeliveryOutcome.Retry;
        }

        string? answer;
        try
        {
            using var json = JsonDocument.Parse(body);
            answer = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // daprd: a 2xx whose body cannot be read is a success.
            return DeliveryOutcome.Success;
        }

        switch (answer?.ToUpperInvariant())
        {
            case null or "" or "SUCCESS":
                return DeliveryOutcome.Success;
            case "RETRY":
                return DeliveryOutcome.Retry;
            case "DROP":
                LogDropped(logger, appId, record.Topic, record.Id);
                return DeliveryOutcome.Drop;
            default:
                LogUnknownStatus(logger, appId, record.Topic, record.Id, answer);
                return DeliveryOutcome.Retry;
        }
    }

    [LoggerMessage(LogLevel.Warning, "App {AppId} has no route for topic {Topic}; event dropped.")]
    private static partial void LogNoRoute(ILogger logger, string appId, string topic);

    [LoggerMessage(LogLevel.Warning, "App {AppId} is unreachable for event {Id} on {Topic}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string appId, string topic, string id, string reason);

    [LoggerMessage(LogLevel.Warning, "App {AppId} answered 404 for event {Id} on {Topic}: non-retriable, dropped.")]
    private static partial void LogNotFound(ILogger logger, string appId, string topic, string id);

    [LoggerMessage(LogLevel.Warning, "App {AppId} answered {Status} for event {Id} on {Topic}: will redeliver.")]
    private static partial void LogRetriable(ILogger logger, string appId, string topic, string id, int status);

    [LoggerMessage(LogLevel.Warning, "App {AppId} answered DROP for event {Id} on {Topic}.")]
    private static partial void LogDropped(ILogger logger, string appId, string topic, string id);

    [LoggerMessage(LogLevel.Warning, "App {AppId} answered unknown status '{Answer}' for event {Id} on {Topic}: will redeliver.")]
    private static partial void LogUnknownStatus(ILogger logger, string appId, string topic, string id, string answer);
}
