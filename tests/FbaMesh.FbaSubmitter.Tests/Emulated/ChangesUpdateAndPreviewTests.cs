using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>ListFulfillmentOrderChanges, UpdateFulfillmentOrder and GetFulfillmentPreview against the SP-API emulator.</summary>
public class ChangesUpdateAndPreviewTests
{
    [Fact]
    public async Task Changes_since_a_time_are_read_page_by_page_to_the_end()
    {
        await using var amazon = await AmazonEmulator.StartAsync(o => o.ListPageSize = 2);
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var request = Orders.Valid();
            ids.Add(request.SellerFulfillmentOrderId);
            await submitter.Client.SubmitAsync(request);
        }

        await ShipmentsAndTrackingTests.MoveAsync(amazon, ids[3], "Planning");
        var seen = new List<FulfillmentOrderChange>();
        var pages = 0;
        var page = new ListFulfillmentOrderChangesRequest { QueryStartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)) };
        while (true)
        {
            var answer = await submitter.Client.ChangesAsync(page);
            pages++;
            seen.AddRange(answer.Changes);
            if (answer.NextPageToken.Length == 0)
            {
                break;
            }

            page = new ListFulfillmentOrderChangesRequest { QueryStartTime = page.QueryStartTime, PageToken = answer.NextPageToken };
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen.Select(c => c.SellerFulfillmentOrderId));
        Assert.Equal("Planning", seen[3].FulfillmentOrderStatus);
        Assert.All(seen, c => Assert.NotNull(c.StatusUpdatedDate));
        Assert.All(seen, c => Assert.Equal(FulfillmentAction.Ship, c.FulfillmentAction));

        var later = await submitter.Client.ChangesAsync(new ListFulfillmentOrderChangesRequest { QueryStartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(5)) });
        Assert.Empty(later.Changes);
    }

    [Fact]
    public async Task A_first_page_without_a_start_and_a_forged_token_are_invalid_argument()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var noStart = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.ChangesAsync(new ListFulfillmentOrderChangesRequest()));
        Assert.Equal(0, amazon.SpApiRequests());
        var forged = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.ChangesAsync(new ListFulfillmentOrderChangesRequest { PageToken = "not-a-token" }));

        Assert.Equal(StatusCode.InvalidArgument, noStart.StatusCode);
        Assert.Equal("INVALID_REQUEST", noStart.Reason());
        Assert.Equal(StatusCode.InvalidArgument, forged.StatusCode);
        Assert.Equal("PAGE_TOKEN_REFUSED", forged.Reason());
    }

    [Fact]
    public async Task Releasing_a_held_order_makes_Amazon_record_Ship_and_a_second_release_changes_nothing()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        request.FulfillmentAction = FulfillmentAction.Hold;
        await submitter.Client.SubmitAsync(request);
        Assert.Equal(FulfillmentAction.Hold, (await submitter.Client.GetAsync(request.SellerFulfillmentOrderId)).FulfillmentAction);

        var release = await submitter.Client.UpdateAsync(request.SellerFulfillmentOrderId, FulfillmentAction.Ship);
        var again = await submitter.Client.UpdateAsync(request.SellerFulfillmentOrderId, FulfillmentAction.Ship);

        Assert.Equal(UpdateOutcome.Updated, release.Outcome);
        Assert.Equal(UpdateOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal("Received", again.FulfillmentOrderStatus);
        Assert.Equal("Ship", amazon.FulfillmentOrders.Single().FulfillmentAction);
        Assert.Equal(1, amazon.Stats.For(Operations.Update).Requests);
        Assert.Equal(FulfillmentAction.Ship, (await submitter.Client.GetAsync(request.SellerFulfillmentOrderId)).FulfillmentAction);
    }

    [Fact]
    public async Task An_update_whose_answer_is_lost_after_Amazon_applied_it_is_confirmed_and_not_sent_again()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        request.FulfillmentAction = FulfillmentAction.Hold;
        await submitter.Client.SubmitAsync(request);
        amazon.Faults.Add(new FaultRule { Operation = Operations.Update, Kind = FaultKind.ServerError, StatusCode = 502, AfterCommit = true, Count = 1 });

        var release = await submitter.Client.UpdateAsync(request.SellerFulfillmentOrderId, FulfillmentAction.Ship);

        Assert.Equal(UpdateOutcome.Updated, release.Outcome);
        Assert.Equal(1, amazon.Stats.For(Operations.Update).Requests);
        Assert.Equal("Ship", amazon.FulfillmentOrders.Single().FulfillmentAction);
    }

    [Fact]
    public async Task Holding_an_order_Amazon_already_processes_is_failed_precondition_with_Amazons_code()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();
        await submitter.Client.SubmitAsync(request);
        await ShipmentsAndTrackingTests.MoveAsync(amazon, request.SellerFulfillmentOrderId, "Processing");

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.UpdateAsync(request.SellerFulfillmentOrderId, FulfillmentAction.Hold));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("NOT_UPDATABLE", error.Reason());
        Assert.Equal("InvalidInput", Assert.Single(error.GetRpcStatus()!.GetDetail<AmazonErrors>().Errors).Code);
        Assert.DoesNotContain("OrderNotUpdatable", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_of_an_unknown_order_is_not_found_and_without_an_action_never_reaches_Amazon()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var noAction = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.UpdateAsync("some-order", FulfillmentAction.Unspecified));
        Assert.Equal(0, amazon.SpApiRequests());
        var unknown = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.UpdateAsync("never-submitted", FulfillmentAction.Ship));

        Assert.Equal(StatusCode.InvalidArgument, noAction.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, amazon.Stats.For(Operations.Update).Requests);
    }

    [Fact]
    public async Task A_preview_of_an_order_with_an_unlisted_SKU_is_not_fulfillable_with_Amazons_reason_code_per_item()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        amazon.Inventory.Unlist("CRYSTAL-RED-02");
        var order = ShipmentsAndTrackingTests.TwoItems(Orders.Valid());

        var preview = await submitter.Client.PreviewAsync(order);
        var stocked = await submitter.Client.PreviewAsync(Orders.Valid());

        Assert.False(preview.Fulfillable);
        var item = Assert.Single(preview.UnfulfillableItems);
        Assert.Equal(("CRYSTAL-RED-02", "CRYSTAL-RED-02", 1), (item.SellerSku, item.SellerFulfillmentOrderItemId, item.Quantity));
        Assert.Equal(["InvalidSKU"], item.Reasons);
        Assert.True(stocked.Fulfillable);
        Assert.Equal(ShippingSpeedCategory.Standard, stocked.ShippingSpeedCategory);
        Assert.Empty(stocked.UnfulfillableItems);
        Assert.True(stocked.LatestArrivalDate.ToDateTimeOffset() > stocked.EarliestArrivalDate.ToDateTimeOffset());
        Assert.Empty(amazon.FulfillmentOrders);
        Assert.Equal(0, amazon.Stats.SchemaViolations);
    }

    [Fact]
    public async Task A_preview_of_an_invalid_order_is_refused_field_by_field_without_calling_Amazon()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var order = Orders.Valid();
        order.Items.Clear();

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.PreviewAsync(order));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("order.items", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, amazon.SpApiRequests());
    }
}
