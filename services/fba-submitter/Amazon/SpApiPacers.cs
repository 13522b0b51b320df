using FbaMesh.FbaSubmitter.Configuration;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>The operations this service calls, each with its own usage plan and bucket.</summary>
internal enum SpApiOperation
{
    CreateFulfillmentOrder,
    GetFulfillmentOrder,
    CancelFulfillmentOrder,
}

internal sealed class SpApiPacers : IDisposable
{
    private readonly Dictionary<SpApiOperation, OperationPacer> pacers;

    public SpApiPacers(IOptions<SpApiOptions> options, TimeProvider time, SharedPacing.SharedPlans? shared = null)
    {
        var o = options.Value;
        pacers = new()
        {
            [SpApiOperation.CreateFulfillmentOrder] = new("createFulfillmentOrder", o.CreateRate, o.CreateBurst, o.PacingMargin, o.PacingJitterAllowance, time),
            [SpApiOperation.GetFulfillmentOrder] = new("getFulfillmentOrder", o.GetRate, o.GetBurst, o.PacingMargin, o.PacingJitterAllowance, time),
            [SpApiOperation.CancelFulfillmentOrder] = new("cancelFulfillmentOrder", o.CancelRate, o.CancelBurst, o.PacingMargin, o.PacingJitterAllowance, time),
        };
        if (shared is not null)
        {
            foreach (var pacer in pacers.Values)
            {
                pacer.ShareThrough(shared.For(pacer));
            }
        }
    }

    public OperationPacer this[SpApiOperation operation] => pacers[operation];

    public void Dispose()
    {
        foreach (var pacer in pacers.Values)
        {
            pacer.Dispose();
        }
    }
}
