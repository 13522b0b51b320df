using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using FbaMesh.DaprEmulator.Hosting;
using FbaMesh.DaprEmulator.Secrets;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FbaMesh.DaprEmulator.Http;

/// <summary>The part of Dapr's HTTP API that curl users and DaprClient's HTTP calls need, plus emulator inspection.</summary>
internal static class HttpApi
{
    public static void MapDaprHttpApi(this IEndpointRouteBuilder app, EmulatedSidecar sidecar)
    {
        app.MapGet("/v1.0/healthz", () => Results.NoContent());
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        app.MapGet("/v1.0/metadata", () => Results.Json(SidecarMetadata.Json(sidecar)));
        app.MapPost("/v1.0/publish/{pubsub}/{**topic}", (string pubsub, string topic, HttpRequest request) => PublishAsync(sidecar, pubsub, topic, request));
        app.MapGet("/v1.0/state/{store}/{**key}", (string store, string key) => Answer(() => GetState(sidecar, store, key)));
        app.MapGet("/v1.0/secrets/{store}/bulk", (string store) => Answer(() =>
            Results.Json(sidecar.GetBulkSecret(new GetBulkSecretRequest { StoreName = store }).Data.ToDictionary(s => s.Key, s => s.Value.Secrets))));
        app.MapGet("/v1.0/secrets/{store}/{key}", (string store, string key) => Answer(() =>
            Results.Json(sidecar.GetSecret(new GetSecretRequest { StoreName = store, Key = key }).Data)));
        app.MapGet("/_emulator/topics/{pubsub}/{**topic}", (string pubsub, string topic) =>
            Results.Json(sidecar.Shared.ExistingBroker(pubsub)?.PublishedTo(topic).Select(r => r.Envelope) ?? []));
        app.MapHttpInvocation(sidecar);
    }

    private static async Task<IResult> PublishAsync(EmulatedSidecar sidecar, string pubsub, string topic, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var metadata = request.Query
            .Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString(), StringComparer.Ordinal);
        var publish = new PublishRequest(pubsub, topic, body.ToArray(), request.ContentType, metadata,
            request.Headers["traceparent"].ToString() is { Length: > 0 } tp ? tp : null,
            request.Headers["tracestate"].ToString() is { Length: > 0 } ts ? ts : null);
        return Answer(() =>
        {
            sidecar.Publish(publish);
            return Results.NoContent();
        });
    }

    private static IResult GetState(EmulatedSidecar sidecar, string store, string key)
    {
        var item = sidecar.GetState(new GetStateRequest { StoreName = store, Key = key });
        if (item.Data.IsEmpty && string.IsNullOrEmpty(item.Etag))
        {
            return Results.NoContent();
        }

        return new StateResult(item.Data.ToByteArray(), item.Etag);
    }

    /// <summary>daprd's HTTP error body: {"errorCode": "...", "message": "..."}.</summary>
    private static IResult Answer(Func<IResult> call)
    {
        try
        {
            return call();
        }
        catch (DaprApiException ex)
        {
            return Results.Json(new { errorCode = ex.ErrorCode, message = ex.Message }, statusCode: ex.HttpStatus);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { errorCode = "ERR_MALFORMED_REQUEST", message = ex.Message }, statusCode: 400);
        }
    }

    private sealed class StateResult(byte[] value, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = etag;
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.Body.WriteAsync(value, httpContext.RequestAborted).AsTask();
        }
    }
}
