using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace FbaMesh.DaprEmulator.Http;

/// <summary>
/// HTTP service invocation (/v1.0/invoke/{app-id}/method/{method}), which DaprClient.InvokeMethodAsync
/// uses: the request goes to the target app's HTTP port at /{method}, headers and query included.
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

            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            var transformer = new MethodTransformer("/" + (method ?? ""), targetSidecar.Options.AppApiToken);
            var error = await forwarder.SendAsync(context, target.ToString(), App, ForwarderRequestConfig.Empty, transformer);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"failed to invoke, id: {appId}, err: {error}" });
            }
        });
    }

    private sealed class MethodTransformer(string path, string? appApiToken) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
            proxyRequest.Headers.Remove("dapr-api-token");
            if (!string.IsNullOrEmpty(appApiToken))
            {
                proxyRequest.Headers.TryAddWithoutValidation("dapr-api-token", appApiToken);
            }
        }
    }
}
