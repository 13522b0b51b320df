using System.Net.Http.Headers;
using FbaMesh.Crystallize.Signing;
using FbaMesh.CrystallizeEmulator.Orders;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// Posts a webhook as Crystallize does: the attached query's result as the body and
/// <c>X-Crystallize-Signature</c> over exactly the URL posted to, the method and that body.
/// </summary>
public sealed class WebhookPoster(CrystallizeEmulatorOptions options, TimeProvider time, HttpClient http)
{
    public const string SignatureHeader = "X-Crystallize-Signature";

    public async Task<HttpResponseMessage> PostAsync(Uri url, byte[] body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var signer = new SignatureSigner(options.SignatureSecret, time);
        var claims = new SignatureClaims(options.TenantId, options.TenantIdentifier, options.UserId);
        var token = signer.CreateToken(url.OriginalString, "POST", body, claims, options.SignatureLifetime);

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, token);
        return await http.SendAsync(request, ct);
    }
}

/// <summary>The order-created webhook: the body is <see cref="OrderCreatedWebhook.BuildBody"/>.</summary>
public sealed class OrderCreatedWebhookSender(OrderStore store, WebhookPoster poster)
{
    public const string SignatureHeader = WebhookPoster.SignatureHeader;

    /// <exception cref="KeyNotFoundException">The store does not hold the order.</exception>
    public Task<HttpResponseMessage> SendAsync(string orderId, Uri url, CancellationToken ct = default) =>
        poster.PostAsync(url, OrderCreatedWebhook.BuildBody(store, orderId)
            ?? throw new KeyNotFoundException($"The emulator holds no order with id \"{orderId}\"."), ct);
}

/// <summary>The pipeline-stage-changed webhook: the body is <see cref="PipelineStageChangedWebhook.BuildBody"/>.</summary>
public sealed class PipelineStageChangedWebhookSender(OrderStore store, WebhookPoster poster)
{
    /// <exception cref="KeyNotFoundException">The store does not hold the order.</exception>
    public Task<HttpResponseMessage> SendAsync(string orderId, Uri url, CancellationToken ct = default) =>
        poster.PostAsync(url, PipelineStageChangedWebhook.BuildBody(store, orderId)
            ?? throw new KeyNotFoundException($"The emulator holds no order with id \"{orderId}\"."), ct);
}
