using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// Records every event delivery to the enricher and its answer (SUCCESS, RETRY, DROP), by wrapping the
/// app's pipeline from the outside, so tests can see decisions the broker acted on.
/// </summary>
public sealed class DeliveryLog : IStartupFilter
{
    private readonly ConcurrentQueue<(string Event, string Status, string TraceParent)> deliveries = new();
    private readonly ConcurrentDictionary<string, Func<IReadOnlyList<string>, Task>> beforeAnswer = new();

    /// <summary>The answers to deliveries whose CloudEvent mentions <paramref name="orderId"/>, in order.</summary>
    public IReadOnlyList<string> AnswersFor(string orderId) =>
        [.. this.deliveries.Where(d => d.Event.Contains(orderId, StringComparison.Ordinal)).Select(d => d.Status)];

    /// <summary>The traceparent headers the deliveries of this order came with.</summary>
    public IReadOnlyList<string> TraceParentsFor(string orderId) =>
        [.. this.deliveries.Where(d => d.Event.Contains(orderId, StringComparison.Ordinal)).Select(d => d.TraceParent)];

    /// <summary>
    /// Runs <paramref name="step"/> after each delivery of this order is answered but before the answer
    /// leaves, with the answers so far. The broker cannot redeliver until the step is done, so a test can
    /// change the world between two deliveries without racing the redelivery policy.
    /// </summary>
    public void BeforeAnswerLeaves(string orderId, Func<IReadOnlyList<string>, Task> step) => beforeAnswer[orderId] = step;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        // Deliveries of orders.received and orders.stage-changed (the dead-letter subscriber has a route of its own).
        if (!context.Request.Path.Equals("/events/orders-received", StringComparison.Ordinal)
            && !context.Request.Path.Equals("/events/orders-stage-changed", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var cloudEvent = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            this.deliveries.Enqueue((cloudEvent, StatusOf(captured.ToArray(), context.Response.StatusCode), context.Request.Headers.TraceParent.ToString()));
            foreach (var (orderId, step) in beforeAnswer)
            {
                if (cloudEvent.Contains(orderId, StringComparison.Ordinal))
                {
                    await step(AnswersFor(orderId));
                }
            }

            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted);
        }
    }

    private static string StatusOf(byte[] body, int httpStatus)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() ?? $"HTTP {httpStatus}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"HTTP {httpStatus}";
        }
    }
}
