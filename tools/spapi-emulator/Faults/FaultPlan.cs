using System.Collections.Immutable;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The faults in force, as POST /_emulator/faults sets them. Readers take a snapshot of an immutable
/// list, so requests never wait on an administrator; counted faults are used up with one Interlocked step.
/// </summary>
public sealed class FaultPlan
{
    private readonly TimeProvider time;
    private ImmutableList<ActiveFault> faults = [];

    internal FaultPlan(TimeProvider time) => this.time = time;

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref this.faults).Where(f => f.IsLive(this.time.GetUtcNow())).Select(f => f.Rule).ToArray();

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        var active = new ActiveFault(rule, rule.Duration is { } d ? this.time.GetUtcNow() + d : null);
        ImmutableInterlocked.Update(ref this.faults, list => list.Add(active));
    }

    public void Clear() => Interlocked.Exchange(ref this.faults, []);

    /// <summary>The first live fault for this operation and phase, used up by one if it is counted.</summary>
    internal FaultRule? Take(string operation, bool afterCommit)
    {
        var now = this.time.GetUtcNow();
        foreach (var fault in Volatile.Read(ref this.faults))
        {
            if (fault.Rule.AfterCommit == afterCommit && fault.Rule.AppliesTo(operation) && fault.IsLive(now) && fault.TryUse())
            {
                return fault.Rule;
            }
        }

        return null;
    }

    private sealed class ActiveFault(FaultRule rule, DateTimeOffset? until)
    {
        private long remaining = rule.Count ?? long.MaxValue;

        public FaultRule Rule { get; } = rule;

        public bool IsLive(DateTimeOffset now) => (until is null || now < until) && Interlocked.Read(ref remaining) > 0;

        public bool TryUse() => Interlocked.Decrement(ref remaining) >= 0;
    }
}
