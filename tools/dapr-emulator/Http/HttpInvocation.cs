using System.Net;
using FbaMesh.DaprEmulator.AccessControl;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace FbaMesh.DaprEmulator.Http;

/// <summary>
/// HTTP service invocation (/v1.0/invoke/{app-id}/method/{method}), which DaprClient.InvokeMethodAsync
/// uses: the request goes to the target app's HTTP port at /{method} (cleaned as daprd cleans it), headers
/// and query included, once the target's sidecar has checked its access control list against this
/// sidecar's identity (403 as daprd).
/// </summary>
internal static class HttpInvocation
{
    private static readonly HttpMessageInvoker App = AppChannel.Create();

    public static void MapHttpInvocation(this IEndpointRouteBuilder app, EmulatedSidecar sidecar)
    {
        app.Map("/v1.0/invoke/{appId}/method/{**method}", async (string appId, string? method, HttpContext context) =>
        {
            if (sidecar.Shared.ResolveApp(appId) is not { Options.AppBaseAddress: { } target } targetSidecar || targetSidecar.Options.AppSpeaksGrpc)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: couldn't find service: {appId}" });
                return;
            }

            if (InvocationMethod.Normalize(method ?? "", out var invalid) is not { } operation)
            {
                await FailAsync(context, StatusCodes.Status500InternalServerError, appId, $"rpc error: code = InvalidArgument desc = invalid method: {invalid}");
                return;
            }

            // daprd invokes its own app directly, without the access check.
            var verb = AccessControlList.VerbOf(context.Request.Method);
            if (targetSidecar.AppId != sidecar.AppId && targetSidecar.Refusal(sidecar.Identity, operation, verb, isHttp: true) is { } refusal)
            {
                await FailAsync(context, StatusCodes.Status403Forbidden, appId, $"rpc error: code = PermissionDenied desc = {refusal}");
                return;
            }

            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            var transformer = new MethodTransformer("/" + operation, sidecar, targetSidecar);
            var error = await forwarder.SendAsync(context, target.ToString(), App, ForwarderRequestConfig.Empty, transformer);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {error}" });
            }
        });
    }

    private static Task FailAsync(HttpContext context, int status, string appId, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {error}" });
    }

    private sealed class MethodTransformer(string path, EmulatedSidecar caller, EmulatedSidecar target) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
            proxyRequest.Headers.Remove("dapr-api-token");
            target.AddAppToken(proxyRequest);
            InvocationAccess.StampIdentities(proxyRequest, caller, target);
        }
    }
}
