using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

/// <summary>Every SP-API operation the submitter calls is paced by a bucket of its own, at the plan Amazon's model sets.</summary>
public class UsagePlansTests
{
    [Fact]
    public void Every_operation_has_its_own_plan_at_2_per_second_with_a_burst_of_30_by_default()
    {
        var plans = UsagePlans.Of(new SpApiOptions());

        Assert.Equal(Enum.GetValues<SpApiOperation>().Order(), plans.Select(p => p.Operation).Order());
        Assert.Equal(
            ["cancelFulfillmentOrder", "createFulfillmentOrder", "getFulfillmentOrder", "getFulfillmentPreview", "getPackageTrackingDetails", "listAllFulfillmentOrders", "updateFulfillmentOrder"],
            plans.Select(p => p.OperationId).Order(StringComparer.Ordinal));
        Assert.All(plans, p => Assert.Equal((2d, 30), (p.Rate, p.Burst)));
    }

    [Fact]
    public void Each_bucket_is_separate_so_one_operation_spending_its_burst_leaves_the_others_full()
    {
        using var pacers = new SpApiPacers(Options.Create(new SpApiOptions { TrackingRate = 1 }), new FakeTimeProvider());
        var tracking = pacers[SpApiOperation.GetPackageTrackingDetails];
        var before = pacers[SpApiOperation.ListAllFulfillmentOrders].AvailableTokens;

        for (var i = 0; i < 3; i++)
        {
            Assert.True(tracking.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
        }

        Assert.Equal("getPackageTrackingDetails", tracking.Operation);
        Assert.Equal(1, tracking.Rate);
        Assert.True(tracking.AvailableTokens < before);
        Assert.Equal(before, pacers[SpApiOperation.ListAllFulfillmentOrders].AvailableTokens);
        Assert.Equal(before, pacers[SpApiOperation.UpdateFulfillmentOrder].AvailableTokens);
    }

    [Fact]
    public void A_plan_with_no_rate_is_refused_at_start()
    {
        var result = new SpApiOptionsValidator().Validate(null, new SpApiOptions { PreviewRate = 0, UpdateBurst = 0 });

        Assert.True(result.Failed);
        Assert.Contains("SpApi:PreviewRate", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SpApi:UpdateBurst", result.FailureMessage, StringComparison.Ordinal);
    }
}
