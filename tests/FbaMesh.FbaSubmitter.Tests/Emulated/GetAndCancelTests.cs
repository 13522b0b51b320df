using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.SpApiEmulator;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

public class GetAndCancelTests
{
    [Fact]
    public async Task Get_and_cancel_of_an_unknown_id_are_not_found()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var get = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.GetAsync("never-submitted"));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.CancelAsync("never-submitted"));

        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        Assert.Contains("never-submitted", get.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Submit_get_and_cancel_of_a_dot_id_are_invalid_argument_and_never_reach_Amazon(string id)
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var submit = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid(id)));
        var get = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.GetAsync(id));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.CancelAsync(id));

        foreach (var error in new[] { submit, get, cancel })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal("Invalid fulfillment order: seller_fulfillment_order_id must start with a letter or a digit", error.Status.Detail);
        }

        Assert.Equal(0, amazon.SpApiRequests());
    }

    [Fact]
    public async Task A_cancel_in_Received_cancels_and_a_second_cancel_answers_already_cancelled()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);

        var first = await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);
        var second = await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);
        var read = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);

        Assert.Equal(CancelOutcome.Cancelled, first.Outcome);
        Assert.Equal(CancelOutcome.AlreadyCancelled, second.Outcome);
        Assert.Equal("Cancelled", second.FulfillmentOrderStatus);
        Assert.Equal("Cancelled", read.FulfillmentOrderStatus);
        Assert.Equal(2, Assert.Single(read.Items).CancelledQuantity);
    }

    [Fact]
    public async Task Cancelling_an_order_Amazon_is_already_processing_answers_too_late_with_Amazons_status()
    {
        var amazonClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var amazon = await AmazonEmulator.StartAsync(o =>
        {
            o.Time = amazonClock;
            o.StatusStep = TimeSpan.FromMinutes(1);
        });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);
        amazonClock.Advance(TimeSpan.FromMinutes(2.5));

        var answer = await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);

        Assert.Equal(CancelOutcome.TooLate, answer.Outcome);
        Assert.Equal("Processing", answer.FulfillmentOrderStatus);
        Assert.Equal("Processing", amazon.FulfillmentOrders.Single().Status);
    }

    [Fact]
    public async Task A_cancel_whose_answer_is_lost_after_Amazon_cancelled_is_confirmed_with_get_and_not_sent_again()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);
        amazon.Faults.Add(new FaultRule { Operation = Operations.Cancel, Kind = FaultKind.ServerError, StatusCode = 500, AfterCommit = true, Count = 1 });

        var answer = await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);

        Assert.Equal(CancelOutcome.Cancelled, answer.Outcome);
        Assert.Equal(1, amazon.Stats.For(Operations.Cancel).Requests);
        Assert.Equal("Cancelled", amazon.FulfillmentOrders.Single().Status);
    }

    [Fact]
    public async Task A_cancel_lost_before_Amazon_acted_is_confirmed_then_sent_again()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);
        amazon.Faults.Add(new FaultRule { Operation = Operations.Cancel, Kind = FaultKind.ServerError, StatusCode = 503, Count = 1 });

        var answer = await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);

        Assert.Equal(CancelOutcome.Cancelled, answer.Outcome);
        Assert.Equal(2, amazon.Stats.For(Operations.Cancel).Requests);
        Assert.Equal("Cancelled", amazon.FulfillmentOrders.Single().Status);
    }
}
