using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

public class PacingTests
{
    [Fact]
    public async Task A_429_storm_is_waited_out_with_backoff_and_the_submit_completes()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        amazon.Faults.Add(new FaultRule { Operation = "createFulfillmentOrder", Kind = FaultKind.QuotaStorm, Count = 6 });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));
        var request = Orders.Valid();

        var answer = await submitter.Client.SubmitAsync(request);

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(6, amazon.Stats.Throttled);
        Assert.Equal(1, amazon.OrdersWithId(request.SellerFulfillmentOrderId));
    }

    /// <summary>
    /// The default plan's property (2/s, burst 30) on a faster plan so the test stays quick: once the
    /// burst is used, the submitter waits in its own bucket and Amazon never answers 429. The jitter
    /// allowance is raised because this test shares two cores with every other test project.
    /// </summary>
    [Fact]
    public async Task A_hundred_submits_at_the_usage_plan_meet_no_429()
    {
        await using var amazon = await AmazonEmulator.StartAsync(o => o.CreatePlan = new UsagePlan(20, 20));
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon,
            ("SpApi:CreateRate", "20"), ("SpApi:CreateBurst", "20"), ("SpApi:PacingJitterAllowance", "00:00:00.400")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => submitter.Client.SubmitAsync(Orders.Valid())));

        Assert.All(answers, a => Assert.Equal(SubmitOutcome.Created, a.Outcome));
        Assert.Equal(0, amazon.Stats.Throttled);
        Assert.Equal(100, amazon.Stats.Creates);
    }
}
