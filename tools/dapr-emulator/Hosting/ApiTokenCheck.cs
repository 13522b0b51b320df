using System.Security.Cryptography;
using System.Text;
using FbaMesh.DaprEmulator.GrpcApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StatusCode = Grpc.Core.StatusCode;

namespace FbaMesh.DaprEmulator.Hosting;

/// <summary>
/// DAPR_API_TOKEN: with a token configured, every call on either port must carry it in dapr-api-token
/// (gRPC: UNAUTHENTICATED, HTTP: 401); the health endpoints are exempt, as in daprd. So is the
/// emulator-only binding feed (POST /_emulator/bindings/{name}): it stands for the queue's own ingress
/// (SQS SendMessage, which daprd's token never guarded), so an upstream emulator can post to it with a
/// plain URL; it only appends a message to a queue the sidecar loads, and listens on loopback only.
/// </summary>
internal static class ApiTokenCheck
{
    private static readonly string[] Exempt = ["/v1.0/healthz", "/v1.0/healthz/outbound"];

    public static void UseDaprApiToken(this WebApplication app, string? token, int httpPort)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            var presented = context.Request.Headers["dapr-api-token"].ToString();
            if (Exempt.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase)
                || IsBindingFeed(context.Request, httpPort)
                || (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected)))
            {
                await next(context);
                return;
            }

            var message = presented.Length == 0 ? "missing api token in request metadata" : "authentication error: api token mismatch";
            if (GrpcStatusResponse.IsGrpc(context.Request))
            {
                await GrpcStatusResponse.WriteAsync(context, StatusCode.Unauthenticated, message);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_UNAUTHORIZED", message = "invalid api token" });
        });
    }

    private static bool IsBindingFeed(HttpRequest request, int httpPort) =>
        request.HttpContext.Connection.LocalPort == httpPort
        && HttpMethods.IsPost(request.Method)
        && request.Path.Value is { } path
        && path.StartsWith(FbaMesh.DaprEmulator.Bindings.FeedEndpoint.PathPrefix, StringComparison.OrdinalIgnoreCase)
        && path.Length > FbaMesh.DaprEmulator.Bindings.FeedEndpoint.PathPrefix.Length
        && path.IndexOf('/', FbaMesh.DaprEmulator.Bindings.FeedEndpoint.PathPrefix.Length) < 0;
}
