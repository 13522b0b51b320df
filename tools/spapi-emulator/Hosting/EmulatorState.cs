using System.Collections.Concurrent;

namespace FbaMesh.SpApiEmulator;

/// <summary>Everything one emulator instance holds; a singleton of its host.</summary>
internal sealed class EmulatorState : IOrderWorld
{
    private readonly ConcurrentDictionary<string, ShipmentPlan> plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, FulfillmentOrderRecord> packages = new();
    private int lastPackageNumber = 212_000_000;

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
        Notifications = new StatusNotifications(options.Notifications, Time);
    }

    public StatusNotifications Notifications { get; }

    public TimeSpan HoldLimit => Options.HoldLimit;

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

    /// <summary>Brings an order up to the clock. Call under the order's lock.</summary>
    public void Advance(FulfillmentOrderRecord order) => order.Advance(Now, Options.StatusStep);

    /// <summary>Brings every order up to the clock, so changes the clock makes are notified without a read.</summary>
    public void AdvanceAll()
    {
        foreach (var order in Orders.All())
        {
            lock (order.Gate)
            {
                Advance(order);
            }
        }
    }

    public ShipmentPlan PlanFor(string sellerFulfillmentOrderId) =>
        this.plans.TryGetValue(sellerFulfillmentOrderId, out var plan) ? plan : Options.DefaultShipmentPlan;

    /// <summary>Sets how one order will be fulfilled; allowed before the order exists, so a test can plan, then submit.</summary>
    public void Plan(string sellerFulfillmentOrderId, ShipmentPlan plan) => this.plans[sellerFulfillmentOrderId] = plan;

    public int NewPackageNumber(FulfillmentOrderRecord order)
    {
        var number = Interlocked.Increment(ref this.lastPackageNumber);
        this.packages[number] = order;
        return number;
    }

    public FulfillmentOrderRecord? OrderOfPackage(int packageNumber) => this.packages.TryGetValue(packageNumber, out var order) ? order : null;

    public void Publish(OrderEvent change) => Notifications.Publish(change);

    /// <summary>Forgets orders, counters, faults, run-time quota and inventory changes. Issued tokens stay valid so clients stay logged in.</summary>
    public void Reset()
    {
        Orders.Clear();
        Stats.Reset();
        Faults.Clear();
        Quotas.Reset();
        Inventory.Reset();
        Undeliverable.Reset();
        this.plans.Clear();
        this.packages.Clear();
        Notifications.ResetCounts();
    }
}
