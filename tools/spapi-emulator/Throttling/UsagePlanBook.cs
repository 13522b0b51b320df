using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The usage plan of every operation: configured, from the model's table, or changed at run time.
/// Replaced buckets are dropped, not disposed: a request in flight may still hold one, and without
/// auto-replenishment the platform limiter owns no timer to release.
/// </summary>
internal sealed class UsagePlanBook
{
    private readonly SpApiEmulatorOptions options;
    private readonly OutboundModel model;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, OperationQuota> quotas = new(StringComparer.Ordinal);

    public UsagePlanBook(SpApiEmulatorOptions options, OutboundModel model, TimeProvider time)
    {
        this.options = options;
        this.model = model;
        this.time = time;
    }

    public OperationQuota For(string operation) => quotas.GetOrAdd(operation, op => new OperationQuota(ConfiguredPlan(op), this.time));

    /// <summary>Replaces an operation's plan with a full bucket, as POST /_emulator/quota does.</summary>
    public void Set(string operation, UsagePlan plan)
    {
        quotas[operation] = new OperationQuota(plan, this.time);
    }

    /// <summary>Back to the configured plans with full buckets.</summary>
    public void Reset() => quotas.Clear();

    private UsagePlan ConfiguredPlan(string operation)
    {
        if (this.options.OperationPlans.TryGetValue(operation, out var plan))
        {
            return plan;
        }

        if (operation == Operations.Create && this.options.CreatePlan is { } create)
        {
            return create;
        }

        return this.options.DefaultPlan ?? this.model.UsagePlanOf(operation) ?? UsagePlan.Default;
    }
}
