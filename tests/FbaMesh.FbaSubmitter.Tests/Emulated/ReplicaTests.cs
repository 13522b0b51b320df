using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

/// <summary>
/// Two submitter processes' worth of apps, each behind its own emulated sidecar, against the SP-API
/// emulator over real sockets: one order per id, coherent answers, one usage plan between them.
/// </summary>
public class ReplicaTests
{
    [Fact]
    public async Task Two_replicas_submitting_the_same_orders_at_the_same_moment_make_one_Amazon_order_each()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var replicas = await SubmitterReplicas.StartAsync(2, amazon);
        var requests = Enumerable.Range(0, 6).Select(_ => Orders.Valid()).ToList();

        var answers = await Task.WhenAll(requests.SelectMany(r => Enumerable.Range(0, 4).Select(async i =>
            (Id: r.SellerFulfillmentOrderId, Replica: i % 2, (await replicas[i % 2].Client.SubmitAsync(r)).Outcome))));

        foreach (var request in requests)
        {
            var id = request.SellerFulfillmentOrderId;
            Assert.Equal(1, amazon.OrdersWithId(id));
            var mine = answers.Where(a => a.Id == id).ToList();
            Assert.All(mine, a => Assert.Contains(a.Outcome, new[] { SubmitOutcome.Created, SubmitOutcome.AlreadyExists }));
            // Only one create can have succeeded, so every "Created" comes from the replica whose create it was.
            var created = mine.Where(a => a.Outcome == SubmitOutcome.Created).Select(a => a.Replica).Distinct().ToList();
            Assert.Single(created);
        }
    }

    [Fact]
    public async Task A_create_that_failed_after_Amazon_took_it_while_the_other_replica_raced_still_makes_one_order()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule { Operation = "createFulfillmentOrder", Kind = FaultKind.ServerError, AfterCommit = true, Count = 1 });
        await using var replicas = await SubmitterReplicas.StartAsync(2, amazon);
        var request = Orders.Valid();

        var answers = await Task.WhenAll(replicas.Replicas.Select(r => r.Client.SubmitAsync(request)));

        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
        Assert.All(answers, a => Assert.Contains(a.Outcome, new[] { SubmitOutcome.Created, SubmitOutcome.AlreadyExists }));
        Assert.Equal(0, amazon.Stats.SchemaViolations);
    }

    [Fact]
    public async Task Two_replicas_cancelling_the_same_order_at_once_both_answer_done_and_Amazon_cancels_it_once()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var replicas = await SubmitterReplicas.StartAsync(2, amazon);
        var request = Orders.Valid();
        await replicas[0].Client.SubmitAsync(request);

        await Task.WhenAll(replicas.Replicas.Select(r => r.Client.CancelAsync(request.SellerFulfillmentOrderId)));
        var read = await replicas[1].Client.GetAsync(request.SellerFulfillmentOrderId);

        Assert.Equal("Cancelled", read.FulfillmentOrderStatus);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
    }

    [Fact]
    public async Task Two_replicas_together_stay_within_one_usage_plan_and_keep_it_in_the_state_store()
    {
        // Amazon's plan: 5/s, burst 10. Each replica alone would open with 7 at once (14 together: 429s).
        await using var amazon = await AmazonEmulator.StartAsync(o => o.CreatePlan = new UsagePlan(5, 10));
        // Wide allowances, so a loaded test machine's late threads cannot bunch requests past Amazon's bucket.
        await using var replicas = await SubmitterReplicas.StartAsync(2, amazon,
            ("SpApi:CreateRate", "5"), ("SpApi:CreateBurst", "10"), ("SpApi:PacingMargin", "0.3"), ("SpApi:PacingJitterAllowance", "00:00:00.500"),
            ("SharedPacing:SellerId", "A2TESTSELLER"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => replicas[i % 2].Client.SubmitAsync(Orders.Valid())));

        Assert.All(answers, a => Assert.Equal(SubmitOutcome.Created, a.Outcome));
        Assert.Equal(20, amazon.Stats.Creates);
        Assert.Equal(0, amazon.Stats.Throttled);
        var plan = Assert.Single(replicas.StoredState(), s => s.Key.EndsWith("spapi-plan-A2TESTSELLER-createFulfillmentOrder", StringComparison.Ordinal));
        Assert.Equal("fbamesh-state", plan.Store);
        Assert.Contains("nextFree", plan.Value, StringComparison.Ordinal);
    }
}
