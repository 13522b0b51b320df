using System.Diagnostics;
using System.Text.Json;
using FbaMesh.CrystallizeEmulator.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// <c>POST /_emulator/webhooks/order-created {"orderId","url","times"?}</c>: sends the webhook (each
/// time freshly signed, as a Crystallize retry would be) and answers with every delivery's status
/// code and timing. A target that cannot be reached is a delivery with an error, not a failure here.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxTimes = 100;

    public static void MapWebhookSender(this IEndpointRouteBuilder app) =>
        app.MapPost("/_emulator/webhooks/order-created", SendAsync);

    private static async Task<IResult> SendAsync(HttpRequest request, OrderCreatedWebhookSender sender, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        var orderId = body["orderId"] is { } idNode && idNode.GetValueKind() == JsonValueKind.String ? idNode.GetValue<string>() : null;
        var urlText = body["url"] is { } urlNode && urlNode.GetValueKind() == JsonValueKind.String ? urlNode.GetValue<string>() : null;
        var times = body["times"] is { } timesNode && timesNode.GetValueKind() == JsonValueKind.Number && timesNode.AsValue().TryGetValue<int>(out var n) ? n : (int?)null;
        if (orderId is null || urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Send {\"orderId\": \"…\", \"url\": \"http(s)://…\", \"times\"?: 1..100}.");
        }

        if (body["times"] is not null && times is not (>= 1 and <= MaxTimes))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, $"times must be an integer from 1 to {MaxTimes}.");
        }

        var deliveries = new List<object>();
        for (var i = 0; i < (times ?? 1); i++)
        {
            var sentAt = time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await sender.SendAsync(orderId, url, request.HttpContext.RequestAborted);
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
            catch (TaskCanceledException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                deliveries.Add(new { status = (int?)null, sentAt, elapsedMs = clock.Elapsed.TotalMilliseconds, error = "The target did not answer in time." });
            }
        }

        return Results.Json(new { orderId, url = urlText, deliveries });
    }
}
