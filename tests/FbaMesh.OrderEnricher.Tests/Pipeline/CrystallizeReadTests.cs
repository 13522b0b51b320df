using System.Net.Http.Json;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>Reading the order: not readable yet, 5xx, GraphQL errors in a 200, an order that never appears.</summary>
public sealed class CrystallizeReadTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_just_created_order_is_read_again_within_the_delivery()
    {
        // Crystallize:ReadAttempts is 2 in the mesh: one miss is absorbed without a redelivery.
        var id = this.mesh.CopyOfFixture(Norway, readableAfterReads: 1);

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(1, state.Attempts);
        Assert.Equal(2, Reads(id));
        Assert.Equal(["SUCCESS"], await this.mesh.AnswersAsync(id, 1));
    }

    // A redrive may send a due order twice on a crowded machine; a duplicate copy answers RETRY (it met the claim)
    // or SUCCESS without work (it came after the final state), so the redriven tests count attempts from the
    // state and check that every other answer acknowledged (EnricherMesh.SettledAnswersAsync).
    [Fact]
    public async Task An_order_readable_only_later_waits_and_is_redriven()
    {
        var id = this.mesh.CopyOfFixture(Norway, readableAfterReads: 3);

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        // The first delivery parks it (Waiting, acknowledged); the redrive's delivery submits it.
        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal(2, state.Attempts);
        Assert.All(await this.mesh.SettledAnswersAsync(id, 2), a => Assert.Equal("SUCCESS", a));
        Assert.Equal(1, this.mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task Crystallize_503s_are_retried_and_the_order_still_arrives()
    {
        var id = this.mesh.CopyOfFixture(Norway);
        await AddFaultAsync(new { status = 503, count = 5, orderId = id });

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        // Three HTTP tries per read (HttpRetries 2): the first delivery's read fails, the redrive's gets through.
        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.All(await this.mesh.SettledAnswersAsync(id, 2), a => Assert.Equal("SUCCESS", a));
        Assert.Equal(1, this.mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task Graphql_errors_in_a_200_answer_are_errors_not_an_empty_order()
    {
        var id = this.mesh.CopyOfFixture(Norway);
        await AddFaultAsync(new { status = 200, count = 1, orderId = id });

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.All(await this.mesh.SettledAnswersAsync(id, 2), a => Assert.Equal("SUCCESS", a));
    }

    [Fact]
    public async Task A_mapping_failure_is_recorded_published_and_dropped_without_a_submit()
    {
        var id = this.mesh.CopyOfFixture("6724c1e15e1d4b0012a3f109");

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("no-shipping-address", state.ReasonCode);
        Assert.Equal(["DROP"], await this.mesh.AnswersAsync(id, 1));
        await this.mesh.WaitForPublishedAsync("fulfillment.failed", id);
        await this.mesh.WaitForPublishedAsync("orders.received.deadletter", id);
        Assert.Equal(0, this.mesh.Submitter.Count(id));
    }

    private int Reads(string id) => this.mesh.Crystallize.Requests.Snapshot().Count(r => r.OrderIds.Contains(id));

    private async Task AddFaultAsync(object fault)
    {
        using var http = new HttpClient { BaseAddress = this.mesh.Crystallize.BaseAddress };
        using var response = await http.PostAsJsonAsync("_emulator/faults", fault);
        response.EnsureSuccessStatusCode();
    }
}
