using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using Grpc.Core;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>The submitter's gRPC status codes → order state, fulfillment.* events and SUCCESS/RETRY/DROP.</summary>
public sealed class SubmitterOutcomeTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "amazon-rejected")]
    [InlineData(StatusCode.PermissionDenied, "amazon-permission-denied")]
    [InlineData(StatusCode.Unauthenticated, "amazon-unauthenticated")]
    [InlineData(StatusCode.FailedPrecondition, "amazon-precondition-failed")]
    [InlineData(StatusCode.NotFound, "submit-failed")]
    public async Task A_permanent_refusal_fails_the_order_with_amazon_s_message_and_drops_it(StatusCode code, string reason)
    {
        var id = this.mesh.CopyOfFixture(Us);
        this.mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(code, "InvalidInput: Value 'FBA-HOODIE-L' for sellerSku is invalid.");

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, state.Status);
        Assert.Equal(reason, state.ReasonCode);
        Assert.Contains("Value 'FBA-HOODIE-L' for sellerSku is invalid", state.ReasonMessage, StringComparison.Ordinal);
        Assert.Equal(1, this.mesh.Submitter.Count(id));
        await this.mesh.WaitForPublishedAsync("fulfillment.failed", id);
        await this.mesh.WaitForPublishedAsync("orders.received.deadletter", id);
        Assert.Equal(["DROP"], await this.mesh.AnswersAsync(id, 1));
        var failed = this.mesh.Published("fulfillment.failed").Single(e => e.GetProperty("orderId").GetString() == id);
        Assert.Equal(reason, failed.GetProperty("reasonCode").GetString());
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Internal)]
    public async Task Transient_trouble_parks_the_order_and_the_redrive_submits_it(StatusCode code)
    {
        var id = this.mesh.CopyOfFixture(Us);
        this.mesh.Submitter.Scripts[id] = (request, call) => call <= 2 ? FakeSubmitter.Fail(code, "try later") : AlreadyExists(request);

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal("ALREADY_EXISTS", state.SubmitOutcome);
        Assert.Equal(3, state.Attempts);
        Assert.Equal(3, this.mesh.Submitter.Count(id));
        // Every attempt parked the order and was acknowledged, none dropped it (the attempts are counted above:
        // a duplicate copy of a redriven event may add an answer that did no work, EnricherMesh.SettledAnswersAsync).
        Assert.All(await this.mesh.SettledAnswersAsync(id, 3), a => Assert.Equal("SUCCESS", a));
    }

    [Fact]
    public async Task While_waiting_the_state_says_why()
    {
        var id = this.mesh.CopyOfFixture(Us);
        var release = new TaskCompletionSource();
        this.mesh.Submitter.Scripts[id] = async (request, call) =>
        {
            if (call == 1)
            {
                return await FakeSubmitter.Fail(StatusCode.Unavailable, "throttled");
            }

            await release.Task;
            return await FakeSubmitter.DefaultAnswer(request, 1);
        };

        // The redrive is paused, so the order stays Waiting until the test has seen it (the redrive's claim
        // keeps the reason, so a state with a reason alone may already be the next delivery's).
        OrderState? waiting;
        using (this.mesh.PauseRedrive())
        {
            await this.mesh.PublishOrderReceivedAsync(id);
            waiting = await Testing.Eventually.UntilAsync(() => this.mesh.StateAsync(id), s => s?.Status == OrderStatus.Waiting, "the order to wait");
        }

        release.SetResult();

        Assert.Equal(OrderStatus.Waiting, waiting!.Status);
        Assert.Equal("submitter-unavailable", waiting.ReasonCode);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.Equal(waiting.UpdatedAt, waiting.WaitingSince);
        Assert.True(waiting.NextAttemptAt > waiting.UpdatedAt);
        Assert.Equal(OrderStatus.Submitted, (await this.mesh.FinalStateAsync(id)).Status);
    }

    private static Task<SubmitFulfillmentOrderResponse> AlreadyExists(SubmitFulfillmentOrderRequest request) =>
        Task.FromResult(new SubmitFulfillmentOrderResponse { SellerFulfillmentOrderId = request.SellerFulfillmentOrderId, Outcome = SubmitOutcome.AlreadyExists });
}
