using System.Net;

namespace FbaMesh.DaprEmulator;

/// <summary>
/// The connection from a sidecar to its app for invocation, as a reverse proxy wants it: no proxy,
/// redirects, decompression or cookies of its own, and the caller's traceparent forwarded as it came
/// (an activity listener in this process, e.g. in tests or devmesh, must not replace it).
/// </summary>
internal static class AppChannel
{
    public static HttpMessageInvoker Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = null,
        EnableMultipleHttp2Connections = true,
    });
}
