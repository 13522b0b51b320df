using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Admin;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Schema;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// <c>POST /_emulator/webhooks/order-created {"orderId","url","times"?}</c> and
/// <c>POST /_emulator/webhooks/order-pipeline-stage-changed {"orderId","pipelineId","stageId","url","times"?}</c>
/// (which first moves the order to that stage, as a merchant does in Crystallize): each sends the
/// webhook (each time freshly signed, as a Crystallize retry would be) and answers with every
/// delivery's status code and timing. A target that cannot be reached is a delivery with an error, not a failure here.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>The write-log operation of a stage change made through the admin API (not through the Core API).</summary>
    public const string MerchantStageChange = "merchantMovedToStage";

    private const int MaxTimes = 100;

    public static void MapWebhookSender(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/webhooks/order-created", SendOrderCreatedAsync);
        app.MapPost("/_emulator/webhooks/order-pipeline-stage-changed", SendPipelineStageChangedAsync);
    }

    private static async Task<IResult> SendOrderCreatedAsync(HttpRequest request, OrderCreatedWebhookSender sender, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        if (ReadTarget(body) is not { } target)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Send {\"orderId\": \"…\", \"url\": \"http(s)://…\", \"times\"?: 1..100}.");
        }

        return await DeliverAsync(target, time, sender.SendAsync, request.HttpContext.RequestAborted);
    }

    private static async Task<IResult> SendPipelineStageChangedAsync(
        HttpRequest request, PipelineStageChangedWebhookSender sender, OrderStore store, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var pipelineId = Text(body, "pipelineId");
        var stageId = Text(body, "stageId");
        if (ReadTarget(body) is not { } target || string.IsNullOrWhiteSpace(pipelineId) || string.IsNullOrWhiteSpace(stageId))
        {
            return Problems.Create(StatusCodes.Status400BadRequest,
                "Send {\"orderId\": \"…\", \"pipelineId\": \"…\", \"stageId\": \"…\", \"url\": \"http(s)://…\", \"times\"?: 1..100}.");
        }

        if (store.Find(target.OrderId) is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, $"The emulator holds no order with id \"{target.OrderId}\".");
        }

        try
        {
            OrderWrites.MoveToStage(store, MerchantStageChange, target.OrderId, pipelineId, stageId);
        }
        catch (ExecutionError e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, e.Message);
        }

        return await DeliverAsync(target, time, sender.SendAsync, request.HttpContext.RequestAborted);
    }

    private static Target? ReadTarget(JsonObject body)
    {
        var orderId = Text(body, "orderId");
        var urlText = Text(body, "url");
        if (orderId is null || urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        if (body["times"] is null)
        {
            return new Target(orderId, urlText, url, 1);
        }

        return body["times"]!.GetValueKind() == JsonValueKind.Number && body["times"]!.AsValue().TryGetValue<int>(out var times) && times is >= 1 and <= MaxTimes
            ? new Target(orderId, urlText, url, times)
            : null;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static async Task<IResult> DeliverAsync(
        Target target, TimeProvider time, Func<string, Uri, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var deliveries = new List<object>();
        for (var i = 0; i < target.Times; i++)
        {
            var sentAt = time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await send(target.OrderId, target.Url, ct);
                deliveries.Add(new { status = (int)response.StatusCode, sentAt, elapsedMs = clock.Elapsed.TotalMilliseconds });
            }
            catch (KeyNotFoundException e)
            {
                return Problems.Create(StatusCodes.Status404NotFound, e.Message);
            }
            catch (HttpRequestException e)
            {
                deliveries.Add(new { status = (int?)null, sentAt, elapsedMs = clock.Elapsed.TotalMilliseconds, error = e.Message });
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                deliveries.Add(new { status = (int?)null, sentAt, elapsedMs = clock.Elapsed.TotalMilliseconds, error = "The target did not answer in time." });
            }
        }

        return Results.Json(new { orderId = target.OrderId, url = target.UrlText, deliveries });
    }

    private sealed record Target(string OrderId, string UrlText, Uri Url, int Times);
}
