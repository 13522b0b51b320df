using System.Net;
using System.Net.Http.Headers;

namespace FbaMesh.Testing;

/// <summary>
/// What a caller without the right app API token tries, and how a refusal must look: HTTP 401
/// problem+json, or gRPC UNAUTHENTICATED (16) for a gRPC request.
/// </summary>
public static class AppTokenRefusal
{
    public const string HeaderName = "dapr-api-token";

    /// <summary>No token, a guess, and a token that is real but belongs to another app.</summary>
    public static IReadOnlyList<(string Name, string? Token)> Credentials(string anotherAppsToken) =>
    [
        ("no token", null),
        ("a wrong token", "not-the-app-api-token"),
        ("another app's token", anotherAppsToken),
    ];

    public static HttpRequestMessage Http(Uri baseAddress, string method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), PathVariants.Raw(baseAddress, path)) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(HeaderName, token);
        }

        return request;
    }

    /// <summary>
    /// A unary gRPC call with a raw path: over h2c (HTTP/2 prior knowledge) as daprd proxies one, or over
    /// HTTP/1.1 to an app that speaks only that (it still must not answer a gRPC caller with an HTML page).
    /// </summary>
    public static HttpRequestMessage Grpc(Uri baseAddress, string path, string? token, byte[] message, bool http2 = true)
    {
        var framed = new byte[5 + message.Length];
        framed[1] = (byte)(message.Length >> 24);
        framed[2] = (byte)(message.Length >> 16);
        framed[3] = (byte)(message.Length >> 8);
        framed[4] = (byte)message.Length;
        message.CopyTo(framed, 5);
        var content = new ByteArrayContent(framed);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = Http(baseAddress, "POST", path, token, content);
        request.Version = http2 ? HttpVersion.Version20 : HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>Null when the answer is the refusal; otherwise what was answered instead.</summary>
    public static async Task<string?> MissAsync(HttpResponseMessage response, bool grpc)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (grpc)
        {
            var status = GrpcStatus(response);
            return status == "16" ? null : $"HTTP {(int)response.StatusCode}, grpc-status {status ?? "(none)"}";
        }

        return response.StatusCode == HttpStatusCode.Unauthorized && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? null
            : $"HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}: {body[..Math.Min(body.Length, 200)]}";
    }

    /// <summary>grpc-status, read once the body is: an answer without a message is "trailers-only" and carries it in the headers.</summary>
    public static string? GrpcStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single()
        : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers.Single()
        : null;
}
