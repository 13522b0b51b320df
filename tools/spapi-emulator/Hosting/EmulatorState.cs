namespace FbaMesh.SpApiEmulator;

/// <summary>Everything one emulator instance holds; a singleton of its host.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(SpApiEmulatorOptions options)
    {
        if (options.ListPageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ListPageSize must be at least 1.");
        }

        Options = options;
        Time = options.Time ?? TimeProvider.System;
        Model = OutboundModel.Load();
        Validator = new RequestValidator(Model);
        Tokens = new AccessTokenBook(Time);
        Faults = new FaultPlan(Time);
        Quotas = new UsagePlanBook(options, Model, Time);
        Inventory = new SellerInventory(options.UnlistedSkus);
    }

    public SpApiEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public OutboundModel Model { get; }

    public RequestValidator Validator { get; }

    public AccessTokenBook Tokens { get; }

    public FulfillmentOrderStore Orders { get; } = new();

    public EmulatorStats Stats { get; } = new();

    public FaultPlan Faults { get; }

    public UsagePlanBook Quotas { get; }

    public SellerInventory Inventory { get; }

    public UndeliverableAddresses Undeliverable { get; } = new();

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Forgets orders, counters, faults, run-time quota and inventory changes. Issued tokens stay valid so clients stay logged in.</summary>
    public void Reset()
    {
        Orders.Clear();
        Stats.Reset();
        Faults.Clear();
        Quotas.Reset();
        Inventory.Reset();
        Undeliverable.Reset();
    }
}
