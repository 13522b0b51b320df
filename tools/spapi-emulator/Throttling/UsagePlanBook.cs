using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The usage plan of every operation: configured, from the model's table, or changed at run time.
/// Replaced buckets are dropped, not disposed: a request in flight may still hold one, and without
/// auto-replenishment the platform limiter owns no timer to release.
/// </summary>
internal sealed class UsagePlanBook
{
    private readonly SpApiEmulatorOptions _options;
    private readonly OutboundModel _model;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, OperationQuota> _quotas = new(StringComparer.Ordinal);

    public UsagePlanBook(SpApiEmulatorOptions options, OutboundModel model, TimeProvider time)
    {
        _options = options;
        _model = model;
        _time = time;
    }

    public OperationQuota For(string operation) => _quotas.GetOrAdd(operation, op => new OperationQuota(ConfiguredPlan(op), _time));

    /// <summary>Replaces an operation's plan with a full bucket, as POST /_emulator/quota does.</summary>
    public void Set(string operation, UsagePlan plan)
    {
        _quotas[operation] = new OperationQuota(plan, _time);
    }

    /// <summary>Back to the configured plans with full buckets.</summary>
    public void Reset() => _quotas.Clear();

    private UsagePlan ConfiguredPlan(string operation)
    {
        if (_options.OperationPlans.TryGetValue(operation, out var plan))
        {
            return plan;
        }

        if (operation == Operations.Create && _options.CreatePlan is { } create)
        {
            return create;
        }

        return _options.DefaultPlan ?? _model.UsagePlanOf(operation) ?? UsagePlan.Default;
    }
}
