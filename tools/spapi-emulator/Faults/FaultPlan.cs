using System.Collections.Immutable;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The faults in force, as POST /_emulator/faults sets them. Readers take a snapshot of an immutable
/// list, so requests never wait on an administrator; counted faults are used up with one Interlocked step.
/// </summary>
public sealed class FaultPlan
{
    private readonly TimeProvider _time;
    private ImmutableList<ActiveFault> _faults = [];

    internal FaultPlan(TimeProvider time) => _time = time;

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _faults).Where(f => f.IsLive(_time.GetUtcNow())).Select(f => f.Rule).ToArray();

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        var active = new ActiveFault(rule, rule.Duration is { } d ? _time.GetUtcNow() + d : null);
        ImmutableInterlocked.Update(ref _faults, list => list.Add(active));
    }

    public void Clear() => Interlocked.Exchange(ref _faults, []);

    /// <summary>The first live fault for this operation and phase, used up by one if it is counted.</summary>
    internal FaultRule? Take(string operation, bool afterCommit)
    {
        var now = _time.GetUtcNow();
        foreach (var fault in Volatile.Read(ref _faults))
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
        private long _remaining = rule.Count ?? long.MaxValue;

        public FaultRule Rule { get; } = rule;

        public bool IsLive(DateTimeOffset now) => (until is null || now < until) && Interlocked.Read(ref _remaining) > 0;

        public bool TryUse() => Interlocked.Decrement(ref _remaining) >= 0;
    }
}
