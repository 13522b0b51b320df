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
