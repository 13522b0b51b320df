using System.Net;
using FbaMesh.DaprEmulator.AccessControl;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace FbaMesh.DaprEmulator.GrpcApi;

/// <summary>
/// Dapr's gRPC service invocation proxy: any gRPC call the sidecar does not serve itself and that carries
/// dapr-app-id (or dapr-callee-app-id) is forwarded, unary or streaming, to that app's gRPC port over h2c.
/// Headers (grpc-timeout deadline, traceparent, custom metadata) and trailers (grpc-status) pass through;
/// the caller's dapr-api-token is replaced by the target sidecar's APP_API_TOKEN. The target's sidecar
/// first checks its access control list against this sidecar's identity (PERMISSION_DENIED as daprd).
/// </summary>
internal sealed partial class InvocationProxy(IHttpForwarder forwarder, EmulatedSidecar sidecar, ILogger<InvocationProxy> logger)
{
    private static readonly HttpMessageInvoker App = AppChannel.Create();

    private static readonly ForwarderRequestConfig H2c = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        // Server streams may stay quiet for long; the caller's deadline, not the proxy, ends a call.
        ActivityTimeout = TimeSpan.FromHours(1),
    };

    public async Task HandleAsync(HttpContext context)
    {
        if (!GrpcStatusResponse.IsGrpc(context.Request))
        {
            await AnswerHttpAsync(context);
            return;
        }

        var method = context.Request.Path.Value ?? "";
        if (method.StartsWith("/" + DaprRuntimeService.ServiceName + "/", StringComparison.Ordinal))
        {
            await GrpcStatusResponse.WriteAsync(context, StatusCode.Unimplemented, $"the Dapr emulator does not implement {method.TrimStart('/')}");
            return;
        }

        var appId = FirstValue(context, "dapr-callee-app-id") ?? FirstValue(context, "dapr-app-id");
        if (appId is null)
        {
            await GrpcStatusResponse.WriteAsync(context, StatusCode.Unknown, "failed to proxy request: required metadata dapr-callee-app-id or dapr-app-id not found");
            return;
        }

        if (sidecar.Shared.ResolveApp(appId) is not { } target)
        {
            // What daprd answers in self-hosted mode when mDNS name resolution finds no such app.
            await GrpcStatusResponse.WriteAsync(context, StatusCode.Unknown, $"couldn't find service: {appId}");
            return;
        }

        if (target.Options.AppBaseAddress is not { } app)
        {
            await GrpcStatusResponse.WriteAsync(context, StatusCode.Unavailable, $"app {appId} has no app port to invoke");
            return;
        }

        if (InvocationMethod.Normalize(method, out var invalid) is not { } operation)
        {
            await GrpcStatusResponse.WriteAsync(context, StatusCode.InvalidArgument, $"invalid method: {invalid}");
            return;
        }

        // A call to the app's own id reaches daprd's proxy from the app itself, without a peer SPIFFE id:
        // only the global default action applies to it.
        var caller = target.AppId == sidecar.AppId ? null : sidecar.Identity;
        if (target.Refusal(caller, operation, AccessControlList.NoVerb, isHttp: false) is { } refusal)
        {
            await GrpcStatusResponse.WriteAsync(context, StatusCode.PermissionDenied, refusal);
            return;
        }

        var error = await forwarder.SendAsync(context, app.ToString(), App, H2c, new AppTokenTransformer(sidecar, target));
        if (error != ForwarderError.None)
        {
            var reason = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? error.ToString();
            LogForwardFailed(logger, method, appId, reason);
            if (!context.Response.HasStarted)
            {
                await GrpcStatusResponse.WriteAsync(context, StatusCode.Unavailable, $"error invoking app {appId}: {reason}");
            }
        }
    }

    /// <summary>A Dapr HTTP API path the emulator lacks is refused by name (501), anything else is 404.</summary>
    private static Task AnswerHttpAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        return context.Response.WriteAsJsonAsync(new { errorCode = "ERR_NOT_IMPLEMENTED", message = $"the Dapr emulator does not implement {context.Request.Method} {path}" });
    }

    private static string? FirstValue(HttpContext context, string header) =>
        context.Request.Headers.TryGetValue(header, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    [LoggerMessage(LogLevel.Warning, "Proxying {Method} to {AppId} failed: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string method, string appId, string reason);

    private sealed class AppTokenTransformer(EmulatedSidecar caller, EmulatedSidecar target) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove("dapr-api-token");
            target.AddAppToken(proxyRequest);
            InvocationAccess.StampIdentities(proxyRequest, caller, target);
        }
    }
}
