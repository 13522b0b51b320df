using System.Text;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>Nothing in the enricher relies on the order in which events are delivered, nor on one delivery at a time.</summary>
public sealed class DeliveryOrderTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Shuffled_concurrent_deliveries_with_duplicates_submit_every_order_exactly_once()
    {
        var ids = Enumerable.Range(0, 8).Select(_ => this.mesh.CopyOfFixture(Norway)).ToList();
        var deliveries = ids.SelectMany(id => Enumerable.Repeat(id, 3)).ToList();
        new Random(13).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));

        // Straight to the subscriber route, all at once, as a broker delivering concurrently would.
        using var http = new HttpClient { BaseAddress = this.mesh.Http.BaseAddress };
        var answers = await Task.WhenAll(deliveries.Select(id => Task.Run(async () =>
        {
            using var body = new StringContent(
                $$"""{"specversion":"1.0","id":"{{Guid.NewGuid():N}}","source":"test","type":"com.dapr.event.sent","pubsubname":"fbamesh-pubsub","topic":"orders.received","datacontenttype":"application/json","data":{"orderId":"{{id}}"} }""",
                Encoding.UTF8,
                "application/cloudevents+json");
            using var response = await http.PostAsync("/events/orders-received", body);
            return await response.Content.ReadAsStringAsync();
        })));

        foreach (var id in ids)
        {
            Assert.Equal(OrderStatus.Submitted, (await this.mesh.FinalStateAsync(id)).Status);
            Assert.Equal(1, this.mesh.Submitter.Count(id));
        }

        Assert.All(answers, a => Assert.DoesNotContain("DROP", a, StringComparison.Ordinal));
    }
}
