namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>Decides, per Order API request, whether an injected fault applies.</summary>
public sealed class FaultInjector
{
    private readonly List<ActiveFault> faults = [];

    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        lock (faults)
        {
            faults.Add(new ActiveFault(rule));
        }

        return rule;
    }

    public IReadOnlyList<FaultRule> Active()
    {
        lock (faults)
        {
            return [.. faults.Select(f => f.Rule with { Count = f.Remaining })];
        }
    }

    public void Clear()
    {
        lock (faults)
        {
            faults.Clear();
        }
    }

    /// <summary>The first rule that fires for a request asking for <paramref name="orderIds"/>, if any.</summary>
    public FaultRule? Match(IReadOnlyCollection<string> orderIds)
    {
        lock (faults)
        {
            foreach (var fault in faults)
            {
                if (fault.Rule.OrderId is { } id && !orderIds.Contains(id))
                {
                    continue;
                }

                if (fault.Rule.Rate is { } rate && fault.Random.NextDouble() >= rate)
                {
                    continue;
                }

                if (fault.Remaining is not null && --fault.Remaining == 0)
                {
                    faults.Remove(fault);
                }

                return fault.Rule;
            }

            return null;
        }
    }

    private sealed class ActiveFault(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = rule.Count;

        // A seed makes a rate-based fault repeatable, which tests need.
        public Random Random { get; } = rule.Seed is { } seed ? new Random(seed) : new Random();
    }
}
