using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FbaMesh.Crystallize.Signing;
using FbaMesh.DevMesh;
using FbaMesh.FunctionalTests.Support;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.FunctionalTests.Scenarios;

public abstract partial class ChainScenarios
{
    [SkippableFact]
    public async Task Amazon_refusing_an_order_ends_failed_with_amazons_code_and_field_and_no_retry_storm()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1c55e1d4b0012a3f105");
        // The seller's FBA inventory at Amazon does not know this SKU today: Amazon answers 400.
        mesh.SpApi.Inventory.Unlist("FBA-TEA-SET");
        try
        {
            mesh.Crystallize.PutOrder(id, order);
            var createsBefore = mesh.SpApi.CreateRequests();

            using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

            var settled = await mesh.WaitForSettledAsync(id, Settle);
            Assert.Equal(OrderProgress.Failed, settled.Status);
            Assert.Equal("amazon-rejected", settled.ReasonCode);
            // Amazon's code and the JSON path of the refused field; its free-text message stays at the submitter.
            Assert.Matches(@"InvalidInput \(.*\) at \$\.items\[\d\]\.sellerSku", settled.ReasonMessage);
            Assert.Empty(mesh.SpApi.OrdersFor(id));
            // A permanent refusal is asked once, not retried by the submitter, the enricher or the broker.
            Assert.Equal(1, mesh.SpApi.CreateRequests() - createsBefore);
        }
        finally
        {
            mesh.SpApi.Inventory.Relist("FBA-TEA-SET");
        }
    }

    [SkippableFact]
    public async Task The_submitter_killed_and_restarted_mid_run_loses_nothing_and_duplicates_nothing()
    {
        var mesh = await MeshAsync();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var (id, order) = Samples.Copy("6724c1d35e1d4b0012a3f107");
            mesh.Crystallize.PutOrder(id, order);
            ids.Add(id);
        }

        await SendAllAsync(mesh, ids[..4]);
        await mesh.KillAsync("fba-submitter");
        await SendAllAsync(mesh, ids[4..8]);
        await mesh.RestartAsync("fba-submitter");
        await SendAllAsync(mesh, ids[8..]);

        foreach (var id in ids)
        {
            var settled = await mesh.WaitForSettledAsync(id, Settle);
            Assert.True(settled.Status == OrderProgress.Submitted, settled.ToString());
            Assert.Single(mesh.SpApi.OrdersFor(id));
        }
    }

    [SkippableFact]
    public async Task A_trace_started_at_the_gateway_continues_in_the_enricher_and_the_submitter()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1cc5e1d4b0012a3f106");
        mesh.Crystallize.PutOrder(id, order);
        var traceId = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

        using var answer = await PostSignedWebhookAsync(mesh, id, traceparent);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await mesh.WaitForSettledAsync(id, Settle);

        // The enricher's read of the order and the submitter's create both carry the gateway's trace id. The read is
        // picked by the Order API's path: the tracker's Core API calls for the order come later, and one made on a
        // poll tick carries a trace of its own.
        var crystallizeRead = mesh.Crystallize.Requests.Snapshot().Last(r => r.OrderIds.Contains(id) && r.Path.EndsWith("/orders", StringComparison.Ordinal));
        Assert.Equal(traceId.ToHexString(), TraceIdOf(crystallizeRead.TraceParent));
        Assert.Equal(traceId.ToHexString(), TraceIdOf(Assert.Single(mesh.SpApi.OrdersFor(id)).TraceParent));
    }

    private static string? TraceIdOf(string? traceparent) => traceparent?.Split('-') is [_, var trace, _, _] ? trace : null;

    private static async Task SendAllAsync(Mesh.IMeshUnderTest mesh, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }
    }

    /// <summary>A webhook signed as Crystallize signs it, sent with a caller-chosen W3C traceparent.</summary>
    private static async Task<HttpResponseMessage> PostSignedWebhookAsync(Mesh.IMeshUnderTest mesh, string orderId, string traceparent)
    {
        var body = Encoding.UTF8.GetBytes("{\"order\":{\"get\":{\"id\":\"" + orderId + "\"}}}");
        var secrets = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!;
        var signer = new SignatureSigner(secrets["crystallize-webhook"]!["signatureSecret"]!.GetValue<string>(), TimeProvider.System);
        var token = signer.CreateToken(
            mesh.GatewayWebhookUrl.OriginalString, "POST", body,
            new SignatureClaims("65f0c0ffee0000000000cafe", "fbamesh-dev", "65f0c0ffee0000000000beef"));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, mesh.GatewayWebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Crystallize-Signature", token);
        request.Headers.Add("traceparent", traceparent);
        return await http.SendAsync(request);
    }
}
