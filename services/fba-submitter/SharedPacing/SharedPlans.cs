using FbaMesh.FbaSubmitter.Amazon;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>Makes the shared plan of each operation's pacer: same rate, burst and allowances, held in the store.</summary>
internal sealed class SharedPlans(IPlanStore store, IOptions<SharedPacingOptions> options, TimeProvider time, ILogger<SharedPlanLimiter> logger)
{
    public SharedPlanLimiter For(OperationPacer pacer) =>
        new(pacer.Operation, pacer.Rate, pacer.Burst, pacer.Margin, pacer.JitterAllowance, store, options.Value, time, logger);
}
