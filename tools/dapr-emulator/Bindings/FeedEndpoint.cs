using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// Emulator-only, on a sidecar's Dapr HTTP port:
/// <list type="bullet">
/// <item>`POST /_emulator/bindings/{name}`: the body is one message for the queue of that sidecar's
/// bindings.aws.sqs component {name}, as SQS SendMessage would put it there (202 with the message id).
/// Unknown binding 404, not a queue binding 400, empty or non-UTF-8 body 400 (an SQS body is text of at
/// least one character), over <see cref="MaxMessageBytes"/> 413; all as problem+json, and nothing is queued.</item>
/// <item>`GET /_emulator/bindings/{name}`: that binding's messages (a queue) and delivery attempts.</item>
/// </list>
/// </summary>
internal static class FeedEndpoint
{
    /// <summary>256 KiB: SQS's long-standing limit (raised to 1 MiB in 2025); the lower one, so nothing accepted here fails in AWS.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    public const string PathPrefix = "/_emulator/bindings/";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void MapBindingFeed(this IEndpointRouteBuilder app, EmulatedSidecar sidecar)
    {
        // The HTTP port only: on the gRPC port such a path is a (nonsense) invocation like any other.
        var httpPort = $"*:{sidecar.Options.DaprHttpPort}";
        app.MapPost(PathPrefix + "{name}", (string name, HttpContext context) => FeedAsync(sidecar, name, context)).RequireHost(httpPort);
        app.MapGet(PathPrefix + "{name}", (string name) => Inspect(sidecar, name)).RequireHost(httpPort);
    }

    private static async Task<IResult> FeedAsync(EmulatedSidecar sidecar, string name, HttpContext context)
    {
        if (sidecar.Bindings.Find(name) is not { } binding)
        {
            return Problem(404, "Unknown binding", $"App '{sidecar.AppId}' loads no binding component '{name}'.");
        }

        if (!binding.IsQueue)
        {
            return Problem(400, "Not a queue binding", $"Binding '{name}' has type {binding.Component.Type}; only {InputBinding.QueueType} bindings take messages.");
        }

        if (context.Request.ContentLength > MaxMessageBytes)
        {
            return TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxMessageBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (body.Length == 0)
        {
            return Problem(400, "Empty message", "An SQS message body has at least one character.");
        }

        try
        {
            _ = StrictUtf8.GetCharCount(body);
        }
        catch (DecoderFallbackException)
        {
            return Problem(400, "Not text", "An SQS message body is text; this body is not valid UTF-8.");
        }

        var message = sidecar.Shared.Bindings.Queue(binding.QueueKey!).Send(body, context.Request.ContentType);
        return Results.Json(new { id = message.Id, queue = binding.QueueName, binding = binding.Name }, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Inspect(EmulatedSidecar sidecar, string name)
    {
        if (sidecar.Bindings.Find(name) is not { } binding)
        {
            return Problem(404, "Unknown binding", $"App '{sidecar.AppId}' loads no binding component '{name}'.");
        }

        var shared = sidecar.Shared.Bindings;
        var messages = binding.QueueKey is { } key ? shared.Queue(key).Messages() : [];
        return Results.Json(new
        {
            name = binding.Name,
            type = binding.Component.Type,
            route = BindingProbe.PathOf(binding.Route),
            reading = sidecar.Bindings.Reading.Contains(binding.Name),
            messages = messages.Select(m => new
            {
                id = m.Id,
                state = m.State.ToString(),
                contentType = m.ContentType,
                body = Encoding.UTF8.GetString(m.Body),
                sentAt = m.SentAt,
                receiveCount = m.ReceiveCount,
                visibleAt = m.VisibleAt,
                deliveredTo = m.DeliveredTo,
            }),
            deliveries = shared.History.All().Where(d => d.Binding == binding.Name),
        });
    }

    private static IResult TooLarge() =>
        Problem(413, "Message too large", $"An SQS message body is at most {MaxMessageBytes} bytes.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);
}
