namespace FbaMesh.SpApiEmulator;

/// <summary>How an emulator instance behaves. Defaults match the fake values in components/secrets.dev.json.</summary>
public sealed class SpApiEmulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one. Ignored when <see cref="Urls"/> is set.</summary>
    public int Port { get; set; }

    /// <summary>ASP.NET Core style listen URLs (e.g. "http://localhost:5500"), used by the command line.</summary>
    public string? Urls { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public string LwaClientId { get; set; } = "dev-only-fake-lwa-client-id";

    public string LwaClientSecret { get; set; } = "dev-only-fake-lwa-client-secret";

    public IList<string> RefreshTokens { get; set; } = ["dev-only-fake-refresh-token"];

    /// <summary>Plan for every operation when set; otherwise each operation uses the table in Amazon's model.</summary>
    public UsagePlan? DefaultPlan { get; set; }

    /// <summary>Plan for createFulfillmentOrder; overrides <see cref="DefaultPlan"/> for that operation.</summary>
    public UsagePlan? CreatePlan { get; set; }

    /// <summary>Per-operation plans by operationId; the most specific setting wins.</summary>
    public IDictionary<string, UsagePlan> OperationPlans { get; } = new Dictionary<string, UsagePlan>(StringComparer.Ordinal);

    /// <summary>The selling partner lacks the "Amazon Fulfillment" role: fulfillment operations answer 403.</summary>
    public bool MissingFulfillmentRole { get; set; }

    /// <summary>When set, orders move one status (Received → Planning → Processing → Complete) per step of the clock.</summary>
    public TimeSpan? StatusStep { get; set; }

    /// <summary>Orders per listAllFulfillmentOrders page before a nextToken is handed out.</summary>
    public int ListPageSize { get; set; } = 50;

    /// <summary>SKUs the seller's FBA inventory does not hold at start; every other SKU counts as stocked.</summary>
    public IList<string> UnlistedSkus { get; set; } = [];

    /// <summary>Marketplace used when a request names none (Amazon.com).</summary>
    public string DefaultMarketplaceId { get; set; } = "ATVPDKIKX0DER";

    /// <summary>How every order is fulfilled unless a plan was set for it (PUT /_emulator/fulfillment-orders/{id}/plan).</summary>
    public ShipmentPlan DefaultShipmentPlan { get; set; } = ShipmentPlan.Default;

    /// <summary>Amazon cancels an order still on Hold after this long ("14 days"), on the emulator's clock.</summary>
    public TimeSpan HoldLimit { get; set; } = TimeSpan.FromDays(14);

    /// <summary>FULFILLMENT_ORDER_STATUS notifications (setting Notifications:Url); off while the URL is empty.</summary>
    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>Clock for token expiry, usage plans, status steps and fault durations; null = system clock.</summary>
    public TimeProvider? Time { get; set; }
}
