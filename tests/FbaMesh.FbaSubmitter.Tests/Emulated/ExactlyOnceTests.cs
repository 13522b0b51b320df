using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>Against the SP-API emulator over real HTTP: every path ends with exactly one order at Amazon.</summary>
public class ExactlyOnceTests
{
    [Fact]
    public async Task A_valid_submit_creates_one_order_that_passes_Amazons_model_and_can_be_read_and_cancelled()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);
        var read = await submitter.Client.GetAsync(request.SellerFulfillmentOrderId);
        await submitter.Client.CancelAsync(request.SellerFulfillmentOrderId);

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.Equal(0, amazon.Stats.SchemaViolations);
        Assert.Equal(request.SellerFulfillmentOrderId, read.SellerFulfillmentOrderId);
        Assert.False(string.IsNullOrEmpty(read.FulfillmentOrderStatus));
        Assert.Equal(2, Assert.Single(read.Items).Quantity);
    }

    [Fact]
    public async Task A_duplicate_submit_answers_already_exists_and_leaves_one_order()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var first = await submitter.Client.SubmitAsync(request);
        var second = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.Created, first.Outcome);
        Assert.Equal(SubmitOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
    }

    [Fact]
    public async Task Concurrent_submits_of_one_id_make_one_order()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => submitter.Client.SubmitAsync(request)));

        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.All(answers, a => Assert.NotEqual(SubmitOutcome.Unspecified, a.Outcome));
        Assert.Contains(answers, a => a.Outcome == SubmitOutcome.Created);
    }

    [Fact]
    public async Task A_timeout_after_Amazon_created_the_order_ends_with_one_order()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule
        {
            Operation = "createFulfillmentOrder", Kind = FaultKind.Timeout, AfterCommit = true,
            Delay = TimeSpan.FromSeconds(20), Outcome = TimeoutOutcome.Abort, Count = 1,
        });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon, ("SpApi:AttemptTimeout", "00:00:00.500")));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.AlreadyExists, answer.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
    }

    [Fact]
    public async Task A_5xx_after_Amazon_created_the_order_ends_with_one_order()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule { Operation = "createFulfillmentOrder", Kind = FaultKind.ServerError, AfterCommit = true, Count = 1 });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.AlreadyExists, answer.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.Equal(1, amazon.Stats.For("createFulfillmentOrder").Requests);
    }

    [Fact]
    public async Task A_5xx_before_Amazon_acted_is_confirmed_then_created_once()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule { Operation = "createFulfillmentOrder", Kind = FaultKind.ServerError, StatusCode = 503, Count = 2 });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.Equal(2, amazon.Stats.For("getFulfillmentOrder").Requests);
    }
}
