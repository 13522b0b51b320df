using System.Net.Http.Json;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Grpc.Core;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>
/// Transient trouble that never ends: every attempt before Redrive:Horizon (4 s here) parks the order and
/// is acknowledged; the first one at or after it fails the order gave-up-after-horizon. In a mesh of their
/// own, so the other tests' orders have a horizon no crowded machine reaches.
/// </summary>
public sealed class GiveUpAtHorizonTests(ShortHorizonMeshFixture fixture) : IClassFixture<ShortHorizonMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Transient_trouble_that_outlasts_the_horizon_fails_as_gave_up_after_horizon()
    {
        var id = this.mesh.CopyOfFixture(Us);
        this.mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(StatusCode.Unavailable, "Amazon is down");

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("gave-up-after-horizon", state.ReasonCode);
        Assert.Contains("submitter-unavailable", state.ReasonMessage, StringComparison.Ordinal);
        Assert.Contains("Amazon is down", state.ReasonMessage, StringComparison.Ordinal);
        Assert.True(state.CompletedAt - state.WaitingSince >= ShortHorizonMeshFixture.Horizon);
        Assert.Equal(state.Attempts, this.mesh.Submitter.Count(id));
        // Every attempt but the last parked the order and was acknowledged; the last dropped it, once. A duplicate
        // copy of a redriven event may add an answer that did no work (EnricherMesh.SettledAnswersAsync), so
        // the attempts are counted above and the answers checked here.
        var answers = await this.mesh.SettledAnswersAsync(id, state.Attempts, including: "DROP");
        Assert.Single(answers, a => a == "DROP");
        Assert.All(answers.Where(a => a != "DROP"), a => Assert.Equal("SUCCESS", a));
        await this.mesh.WaitForPublishedAsync("orders.received.deadletter", id);
    }

    [Fact]
    public async Task An_order_that_never_becomes_readable_waits_until_the_horizon_then_fails()
    {
        var id = OrderIds.New();

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        // Every delivery reads twice (Crystallize:ReadAttempts 2); at least one redrive came before the horizon.
        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("gave-up-after-horizon", state.ReasonCode);
        Assert.Contains("order-not-found", state.ReasonMessage, StringComparison.Ordinal);
        Assert.True(state.Attempts >= 2, $"{state.Attempts} attempts");
        Assert.Equal(2 * state.Attempts, Reads(id));
        Assert.True(state.CompletedAt - state.WaitingSince >= ShortHorizonMeshFixture.Horizon);
        await this.mesh.WaitForPublishedAsync("orders.received.deadletter", id);
        await this.mesh.WaitForPublishedAsync("fulfillment.failed", id);
        Assert.Equal(0, this.mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task Lasting_graphql_errors_fail_the_order_at_the_horizon_with_their_reason()
    {
        var id = this.mesh.CopyOfFixture(Norway);
        await AddFaultAsync(new { status = 200, orderId = id });

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal("gave-up-after-horizon", state.ReasonCode);
        Assert.Contains("crystallize-graphql-error", state.ReasonMessage, StringComparison.Ordinal);
        Assert.Contains("Injected fault", state.ReasonMessage, StringComparison.Ordinal);
        Assert.True(state.CompletedAt - state.WaitingSince >= ShortHorizonMeshFixture.Horizon);
    }

    private int Reads(string id) => this.mesh.Crystallize.Requests.Snapshot().Count(r => r.OrderIds.Contains(id));

    private async Task AddFaultAsync(object fault)
    {
        using var http = new HttpClient { BaseAddress = this.mesh.Crystallize.BaseAddress };
        using var response = await http.PostAsJsonAsync("_emulator/faults", fault);
        response.EnsureSuccessStatusCode();
    }
}
