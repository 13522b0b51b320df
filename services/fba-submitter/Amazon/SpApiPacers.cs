using FbaMesh.FbaSubmitter.Configuration;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>The operations this service calls, each with its own usage plan and bucket.</summary>
internal enum SpApiOperation
{
    CreateFulfillmentOrder,
    GetFulfillmentOrder,
    CancelFulfillmentOrder,
    ListAllFulfillmentOrders,
    GetPackageTrackingDetails,
    UpdateFulfillmentOrder,
    GetFulfillmentPreview,
}

/// <summary>One bucket per operation, built from <see cref="UsagePlans"/>: the one place that registers them.</summary>
internal sealed class SpApiPacers : IDisposable
{
    private readonly Dictionary<SpApiOperation, OperationPacer> pacers;

    public SpApiPacers(IOptions<SpApiOptions> options, TimeProvider time, SharedPacing.SharedPlans? shared = null)
    {
        var o = options.Value;
        pacers = UsagePlans.Of(o).ToDictionary(
            plan => plan.Operation,
            plan => new OperationPacer(plan.OperationId, plan.Rate, plan.Burst, o.PacingMargin, o.PacingJitterAllowance, time));
        if (shared is not null)
        {
            foreach (var pacer in pacers.Values)
            {
                pacer.ShareThrough(shared.For(pacer));
            }
        }
    }

    public OperationPacer this[SpApiOperation operation] => pacers[operation];

    /// <summary>Every operation's pacer, in the order of <see cref="SpApiOperation"/>.</summary>
    public IEnumerable<OperationPacer> All => pacers.OrderBy(p => p.Key).Select(p => p.Value);

    public void Dispose()
    {
        foreach (var pacer in pacers.Values)
        {
            pacer.Dispose();
        }
    }
}
