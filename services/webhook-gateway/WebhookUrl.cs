using Microsoft.AspNetCore.Http.Extensions;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// The URL Crystallize called, which its signature covers. Behind a proxy or tunnel the request's own
/// host is not that URL, so Webhook:PublicBaseUrl (scheme, host and path prefix as entered in
/// Crystallize) replaces scheme, host and path base; path and query are the request's.
/// </summary>
internal static class WebhookUrl
{
    public static string For(HttpRequest request, string? publicBaseUrl) =>
        string.IsNullOrWhiteSpace(publicBaseUrl)
            ? request.GetEncodedUrl()
            : publicBaseUrl.TrimEnd('/') + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
}
