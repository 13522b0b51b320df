using System.Text.Json;
using System.Text.Unicode;
using FbaMesh.Crystallize.Signing;
using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>
/// The checks every Crystallize webhook passes before its payload means anything, in this order: the
/// content type and the signature token (headers only), then the body read under the size limit, UTF-8,
/// JSON, and last the body hash against the token's hmac claim. Each webhook route reads its payload
/// from the document this hands back.
/// </summary>
internal sealed class SignedWebhookReader(IOptions<WebhookOptions> options, WebhookSignatureCheck signature, TimeProvider time)
{
    public async Task<SignedWebhook> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var webhook = options.Value;
        if (WebhookBody.CheckContentType(request.ContentType) is { } wrongType)
        {
            return SignedWebhook.Refused(wrongType);
        }

        // A forged, stale or unsigned request is refused on its headers: its body is never read or buffered.
        var tenant = webhook.TenantIdentifier;
        VerifiedToken? token = null;
        if (webhook.VerifySignatures)
        {
            (var badToken, token) = await signature.CheckTokenAsync(request.Headers[WebhookSignatureCheck.HeaderName], context.RequestAborted);
            if (badToken is not null)
            {
                return SignedWebhook.Refused(badToken);
            }

            tenant = token!.TenantIdentifier;
        }

        var body = await WebhookBody.ReadAsync(request, webhook.MaxBodyBytes, context.RequestAborted);
        if (body.Rejection is { } unreadable)
        {
            return SignedWebhook.Refused(unreadable);
        }

        if (!Utf8.IsValid(body.Bytes.Span))
        {
            return SignedWebhook.Refused(WebhookRejection.InvalidUtf8());
        }

        var document = WebhookJson.Parse(body.Bytes, out var malformed);
        if (document is null)
        {
            return SignedWebhook.Refused(malformed!);
        }

        if (token is not null
            && WebhookSignatureCheck.CheckBody(token, WebhookUrl.For(request, webhook.PublicBaseUrl), request.Method, body.Bytes) is { } badBody)
        {
            document.Dispose();
            return SignedWebhook.Refused(badBody);
        }

        // Unsigned (Development only): the gateway's own clock stands in for the token's iat.
        var issuedAt = token?.IssuedAt is { } iat ? (long)Math.Floor(iat) : time.GetUtcNow().ToUnixTimeSeconds();
        return new SignedWebhook(document, tenant, issuedAt, null);
    }
}

/// <summary>A webhook that passed every check (its JSON document, sender's tenant, token's iat), or why not.</summary>
internal sealed record SignedWebhook(JsonDocument? Document, string? TenantIdentifier, long IssuedAt, WebhookRejection? Rejection) : IDisposable
{
    public static SignedWebhook Refused(WebhookRejection rejection) => new(null, null, 0, rejection);

    public void Dispose() => Document?.Dispose();
}
