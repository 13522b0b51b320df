using System.Net.Http.Headers;
using FbaMesh.Crystallize.Signing;
using FbaMesh.CrystallizeEmulator.Orders;

namespace FbaMesh.CrystallizeEmulator.Webhooks;

/// <summary>
/// Posts the order-created webhook as Crystallize does: the query-shaped order as the body and
/// <c>X-Crystallize-Signature</c> over exactly the URL posted to, the method and that body.
/// </summary>
public sealed class OrderCreatedWebhookSender(
    OrderStore store, CrystallizeEmulatorOptions options, TimeProvider time, HttpClient http)
{
    public const string SignatureHeader = "X-Crystallize-Signature";

    /// <exception cref="KeyNotFoundException">The store does not hold the order.</exception>
    public async Task<HttpResponseMessage> SendAsync(string orderId, Uri url, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var body = OrderCreatedWebhook.BuildBody(store, orderId)
            ?? throw new KeyNotFoundException($"The emulator holds no order with id \"{orderId}\".");
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
