using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FbaMesh.SpApiEmulator;

/// <summary>A running SP-API emulator: the process's host and the in-process handle tests, the bench and devmesh use.</summary>
public sealed class SpApiEmulatorApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorState state;
    private int disposed;
    private ITimer? clock;

    private SpApiEmulatorApp(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        this.app = app;
        this.state = state;
        BaseAddress = baseAddress;
        TokenEndpoint = new Uri(baseAddress, "auth/o2/token");
    }

    /// <summary>SP-API endpoint base; /fba/outbound/2020-07-01/... lies below it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Login with Amazon's token endpoint (…/auth/o2/token).</summary>
    public Uri TokenEndpoint { get; }

    public IReadOnlyList<CreatedFulfillmentOrder> FulfillmentOrders => this.state.Orders.All().Select(order =>
    {
        lock (order.Gate)
        {
            this.state.Advance(order);
            return new CreatedFulfillmentOrder(order.Id, order.RawRequest, order.ReceivedAt, order.Status, order.TraceParent)
            {
                FulfillmentAction = order.FulfillmentAction,
                Shipments = [.. order.Shipments.Select(s => new EmulatedShipment(
                    s.AmazonShipmentId, s.Status, [.. s.Packages.Select(p => new EmulatedPackage(p.PackageNumber, p.CarrierCode, p.TrackingNumber))]))],
            };
        }
    }).ToArray();

    public EmulatorStats Stats => this.state.Stats;

    /// <summary>The seller's FBA inventory: unlist a SKU to make Amazon refuse orders for it.</summary>
    public SellerInventory Inventory => this.state.Inventory;

    /// <summary>Postal codes whose orders Amazon refuses with a message that quotes the address.</summary>
    public UndeliverableAddresses Undeliverable => this.state.Undeliverable;

    /// <summary>FULFILLMENT_ORDER_STATUS notifications: where they go (settable) and what became of them.</summary>
    public StatusNotifications Notifications => this.state.Notifications;

    /// <summary>Same as PUT /_emulator/fulfillment-orders/{id}/plan: how Amazon will fulfil that order (set before or after the create).</summary>
    public void PlanShipments(string sellerFulfillmentOrderId, ShipmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        this.state.Plan(sellerFulfillmentOrderId, plan);
    }

    /// <summary>Same as POST /_emulator/fulfillment-orders/{id}/step: one step of the order's flow; false when unknown or final.</summary>
    public bool Step(string sellerFulfillmentOrderId)
    {
        if (this.state.Orders.Find(sellerFulfillmentOrderId) is not { } order)
        {
            return false;
        }

        lock (order.Gate)
        {
            this.state.Advance(order);
            return OrderFlow.Step(order, this.state.Now);
        }
    }

    /// <summary>Same as POST/DELETE /_emulator/faults, in-process.</summary>
    public FaultPlan Faults => this.state.Faults;

    /// <summary>An access token as the token endpoint would issue it, for tests that are not about Login with Amazon.</summary>
    public string IssueAccessToken() => this.state.Tokens.Issue(this.state.Options.AccessTokenLifetime);

    /// <summary>Same as POST /_emulator/quota.</summary>
    public void SetUsagePlan(string operation, UsagePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        this.state.Quotas.Set(operation, plan);
    }

    /// <summary>Same as POST /_emulator/reset.</summary>
    public void Reset() => this.state.Reset();

    public static async Task<SpApiEmulatorApp> StartAsync(SpApiEmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new EmulatorState(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SpApiEmulatorApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(state);
        builder.Services.AddProblemDetails();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (options.Urls is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }
        else
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        }

        var app = builder.Build();
        app.UseSpApiErrorHandling();
        app.MapLoginWithAmazon();
        app.MapFulfillmentOutbound();
        app.MapEmulatorAdmin();
        app.MapGet("/healthz", () => Results.Text("Healthy"));
        app.MapFallback(() => SpApiErrors.NotFound());
        await app.StartAsync(ct);
        state.Notifications.Start(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FbaMesh.SpApiEmulator.Notifications"));
        var clock = state.Notifications.Url is null
            ? null
            : state.Time.CreateTimer(_ => state.AdvanceAll(), null, options.Notifications.ClockSweep, options.Notifications.ClockSweep);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SpApiEmulatorApp(app, state, BaseAddressOf(address)) { clock = clock };
    }

    // Kestrel reports wildcard hosts ("http://[::]:5500"); callers need one they can dial.
    private static Uri BaseAddressOf(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "::" or "0.0.0.0")
        {
            uri.Host = "localhost";
        }

        uri.Path = "/";
        return uri.Uri;
    }

    public Task WaitForShutdownAsync(CancellationToken ct = default) => this.app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (this.clock is not null)
        {
            await this.clock.DisposeAsync();
        }

        await this.app.StopAsync();
        await this.state.Notifications.DisposeAsync();
        await this.app.DisposeAsync();
    }
}
