using System.Net.Http.Headers;
using System.Text;
using FbaMesh.Crystallize.Signing;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>Builds webhook requests the way Crystallize sends them: JSON body and X-Crystallize-Signature.</summary>
public static class Webhooks
{
    public const string Path = "/api/webhooks/order/created-fba";
    public const string StagePath = "/api/webhooks/order/pipeline-stage-changed";
    public const string Secret = "test-only-signature-secret-1234567890";
    public const string Tenant = "fbamesh-test";
    public const string OrderId = "63f2d3b2a94533f79fc6397b";

    public static string QueryPayload(string orderId = OrderId) =>
        """{"order":{"get":{"id":""" + "\"" + orderId + "\"" + ""","createdAt":"2026-11-27T01:58:10.000Z","customer":{"firstName":"Ada"}}}}""";

    /// <summary>The attached pipeline-stage-changed query's result: the order and every (pipeline, stage) it stands in.</summary>
    public static string StagePayload(string orderId, params (string Pipeline, string Stage)[] stages) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            order = new { id = orderId, pipelines = stages.Select(s => new { pipelineId = s.Pipeline, stageId = s.Stage }) },
        });

    /// <summary>The iat claim of a token (seconds since the epoch).</summary>
    public static long IssuedAt(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
        return json.RootElement.GetProperty("iat").GetInt64();
    }

    /// <summary>A token as Crystallize makes it, for the URL, method and body given.</summary>
    public static string Sign(string url, string body, string secret = Secret, string tenant = Tenant, TimeProvider? time = null, TimeSpan? lifetime = null) =>
        new SignatureSigner(secret, time ?? TimeProvider.System)
            .CreateToken(url, "POST", Encoding.UTF8.GetBytes(body), new SignatureClaims("tenant-id-1", tenant, "user-1"), lifetime ?? TimeSpan.FromSeconds(60));

    public static HttpRequestMessage Request(string body, string? token, string contentType = "application/json", string path = Path) =>
        Request(Encoding.UTF8.GetBytes(body), token, contentType, path);

    public static HttpRequestMessage Request(byte[] body, string? token, string? contentType = "application/json", string path = Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Crystallize-Signature", token);
        }

        return request;
    }

    /// <summary>A correctly signed request for the gateway at <paramref name="baseAddress"/>.</summary>
    public static HttpRequestMessage Signed(Uri baseAddress, string body, string secret = Secret, string tenant = Tenant) =>
        Request(body, Sign(new Uri(baseAddress, Path).ToString(), body, secret, tenant));
}
