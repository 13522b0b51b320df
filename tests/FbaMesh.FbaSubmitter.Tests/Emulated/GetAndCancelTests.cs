using FbaMesh.FbaSubmitter.Tests.Support;
using Google.Rpc;
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
    public async Task A_second_cancel_is_answered_as_done_and_the_order_is_cancelled()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);

        await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);
        await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);
        var read = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);

        Assert.Equal("Cancelled", read.FulfillmentOrderStatus);
    }

    [Fact]
    public async Task Cancelling_an_order_Amazon_is_already_processing_is_failed_precondition_with_Amazons_reason()
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

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.CancelAsync(request.SellerFulfillmentOrderId));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("NOT_CANCELLABLE", error.Reason());
        Assert.Contains("HTTP 400 (InvalidInput", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("InvalidInput", Assert.Single(error.GetRpcStatus()!.GetDetail<FbaMesh.Contracts.Fulfillment.V1.AmazonErrors>().Errors).Code);
    }
}
