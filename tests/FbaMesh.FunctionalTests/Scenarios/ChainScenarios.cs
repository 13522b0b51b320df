using System.Net;
using System.Text;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.FunctionalTests.Support;
using FbaMesh.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>
/// The end-to-end scenarios (a signed order, every sample order, duplicates, a Crystallize outage, an unreadable order), written once against <see cref="IMeshUnderTest"/> and run on every mesh kind.
/// Tests of one class run one after another on one shared mesh; each uses its own order ids.
/// </summary>
public abstract partial class ChainScenarios(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = MeshSettings.SettleTimeout;

    /// <summary>Where a scenario reports what it observed (not asserted), e.g. end-to-end latency.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The mesh for this class; a kind that cannot run here skips the test with the reason.</summary>
    protected abstract Task<IMeshUnderTest> MeshAsync();

    [SkippableFact]
    public async Task A_signed_webhook_ends_as_exactly_one_fulfillment_order_that_matches_the_mapping()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1a95e1d4b0012a3f101");
        mesh.Crystallize.PutOrder(id, order);
        var latency = new WebhookToAmazonLatency();

        latency.Sent(id);
        using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var settled = await mesh.WaitForSettledAsync(id, Settle);
        Assert.Equal(OrderProgress.Submitted, settled.Status);
        Assert.Equal(id, settled.SellerFulfillmentOrderId);
        latency.Report(Output, mesh.SpApi, "one order");
        JsonSubset.AssertContains(Samples.ExpectedRequest("6724c1a95e1d4b0012a3f101", id), mesh.SpApi.SingleRequestFor(id));
    }

    [SkippableFact]
    public async Task Every_sample_order_gives_the_expected_request_or_the_expected_reason()
    {
        var mesh = await MeshAsync();
        var latency = new WebhookToAmazonLatency();
        foreach (var id in Samples.Ids)
        {
            latency.Sent(id);
            using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"{id}: gateway answered {(int)answer.StatusCode}");
        }

        foreach (var id in Samples.Ids)
        {
            var expected = Samples.Expected(id);
            var settled = await mesh.WaitForSettledAsync(id, Settle);
            switch (expected.Outcome)
            {
                case ExpectedOutcome.Submit:
                    Assert.True(settled.Status == OrderProgress.Submitted, $"{id}: {settled}");
                    JsonSubset.AssertContains(expected.Request!, mesh.SpApi.SingleRequestFor(id));
                    break;
                case ExpectedOutcome.Skip:
                    Assert.True(settled is { Status: OrderProgress.Skipped }, $"{id}: {settled}");
                    Assert.Equal(expected.ReasonCode, settled.ReasonCode);
                    Assert.Empty(mesh.SpApi.OrdersFor(id));
                    break;
                default:
                    Assert.True(settled is { Status: OrderProgress.Failed }, $"{id}: {settled}");
                    Assert.Equal(expected.ReasonCode, settled.ReasonCode);
                    Assert.False(string.IsNullOrWhiteSpace(settled.ReasonMessage));
                    Assert.Empty(mesh.SpApi.OrdersFor(id));
                    break;
            }
        }

        latency.Report(Output, mesh.SpApi, "sample orders sent back to back");
    }

    [SkippableFact]
    public async Task The_same_webhook_five_times_and_a_redelivered_event_still_give_one_amazon_order()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1b05e1d4b0012a3f102");
        mesh.Crystallize.PutOrder(id, order);

        // Three at once and two after: duplicates race each other and also meet a settled order.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl)));
        Assert.All(concurrent, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await mesh.WaitForSettledAsync(id, Settle);
        for (var i = 0; i < 2; i++)
        {
            using var again = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        // A redelivery as the broker would make it: the same event published again under a new envelope.
        await PublishOrderReceivedAsync(mesh, id);

        // Delivery to one subscriber is in order, so once a later order settled the repeats were handled.
        var (marker, markerOrder) = Samples.Copy("6724c1a95e1d4b0012a3f101");
        mesh.Crystallize.PutOrder(marker, markerOrder);
        using (var markerAnswer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(marker, mesh.GatewayWebhookUrl))
        {
            Assert.Equal(HttpStatusCode.Accepted, markerAnswer.StatusCode);
        }

        await mesh.WaitForSettledAsync(marker, Settle);
        var state = await mesh.GetOrderAsync(id);
        Assert.Equal(OrderProgress.Submitted, state?.Status);
        Assert.Single(mesh.SpApi.OrdersFor(id));
        foreach (var answer in concurrent)
        {
            answer.Dispose();
        }
    }

    [SkippableFact]
    public async Task Crystallize_unavailable_for_a_while_then_back_still_delivers_the_order()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1be5e1d4b0012a3f104");
        mesh.Crystallize.PutOrder(id, order);
        // More 503s than one delivery's own HTTP retries absorb, so the event is redelivered too.
        mesh.Crystallize.Faults.Add(new CrystallizeEmulator.Admin.FaultRule(Status: 503, Count: 6, Rate: null, OrderId: id, Delay: TimeSpan.Zero, Seed: null));

        using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var settled = await mesh.WaitForSettledAsync(id, Settle);
        Assert.True(settled.Status == OrderProgress.Submitted, settled.ToString());
        Assert.Single(mesh.SpApi.OrdersFor(id));
        Assert.True(mesh.Crystallize.Requests.Snapshot().Count(r => r.OrderIds.Contains(id) && r.Status == 503) >= 6);
    }

    [SkippableFact]
    public async Task An_order_that_never_becomes_readable_waits_until_the_horizon_then_ends_failed_and_dead_lettered()
    {
        var mesh = await MeshAsync();
        var (id, order) = Samples.Copy("6724c1be5e1d4b0012a3f104");
        mesh.Crystallize.PutOrder(id, order, new CrystallizeEmulator.Orders.OrderReadability(int.MaxValue, TimeSpan.Zero));

        using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.GatewayWebhookUrl);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var settled = await mesh.WaitForSettledAsync(id, Settle);
        Assert.Equal(OrderProgress.Failed, settled.Status);
        Assert.Equal("gave-up-after-horizon", settled.ReasonCode);
        Assert.Contains("order-not-found", settled.ReasonMessage, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => (await mesh.DeadLetteredOrderIdsAsync()).Contains(id), $"order {id} in orders.received.deadletter");
        Assert.Empty(mesh.SpApi.OrdersFor(id));
    }

    private static async Task PublishOrderReceivedAsync(IMeshUnderTest mesh, string orderId)
    {
        using var http = new HttpClient();
        var url = new Uri(mesh.GatewaySidecarHttp, "/v1.0/publish/fbamesh-pubsub/orders.received");
        using var body = new StringContent($$"""{"orderId":"{{orderId}}"}""", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        if (mesh.GatewaySidecarApiToken is { Length: > 0 } token)
        {
            request.Headers.Add("dapr-api-token", token);
        }

        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"republish answered {(int)response.StatusCode}");
    }
}
