using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Admin;
using FbaMesh.CrystallizeEmulator.Hosting;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.CrystallizeEmulator;

/// <summary>An emulator running in this process on loopback, for tests, the bench and devmesh.</summary>
public sealed class CrystallizeEmulatorApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private CrystallizeEmulatorApp(WebApplication app, Uri baseAddress, CrystallizeEmulatorOptions options)
    {
        this.app = app;
        BaseAddress = baseAddress;
        OrderApiUrl = new Uri(baseAddress, $"{options.TenantIdentifier}/orders");
        CoreApiUrl = new Uri(baseAddress, $"@{options.TenantIdentifier}");
        Orders = app.Services.GetRequiredService<OrderStore>();
        Requests = app.Services.GetRequiredService<RequestLog>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
    }

    public Uri BaseAddress { get; }

    /// <summary>The Order API endpoint: <c>{BaseAddress}{tenant}/orders</c>.</summary>
    public Uri OrderApiUrl { get; }

    /// <summary>The Core API endpoint: <c>{BaseAddress}@{tenant}</c>, as https://api.crystallize.com/@{tenant}.</summary>
    public Uri CoreApiUrl { get; }

    public OrderStore Orders { get; }

    public RequestLog Requests { get; }

    public FaultInjector Faults { get; }

    public static async Task<CrystallizeEmulatorApp> StartAsync(CrystallizeEmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCrystallizeEmulator(options);
        var app = builder.Build();
        app.MapCrystallizeEmulator();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CrystallizeEmulatorApp(app, new Uri(address.TrimEnd('/') + "/"), options);
    }

    /// <summary>Puts an order in the store (as <c>order.get</c> returns it).</summary>
    public void PutOrder(string id, JsonObject order, OrderReadability? readability = null) => Orders.Put(id, order, readability);

    /// <summary>Sends the order-created webhook for a stored order to <paramref name="url"/>, signed as Crystallize signs it.</summary>
    public Task<HttpResponseMessage> SendOrderCreatedWebhookAsync(string orderId, Uri url, CancellationToken ct = default) =>
        this.app.Services.GetRequiredService<OrderCreatedWebhookSender>().SendAsync(orderId, url, ct);

    /// <summary>
    /// Moves a stored order to a pipeline stage, as a merchant does in Crystallize, and sends the signed
    /// pipeline-stage-changed webhook to <paramref name="url"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The store does not hold the order.</exception>
    public Task<HttpResponseMessage> MoveToStageAndSendWebhookAsync(string orderId, string pipelineId, string stageId, Uri url, CancellationToken ct = default)
    {
        if (Orders.Find(orderId) is null)
        {
            throw new KeyNotFoundException($"The emulator holds no order with id \"{orderId}\".");
        }

        _ = Schema.OrderWrites.MoveToStage(Orders, Webhooks.WebhookEndpoints.MerchantStageChange, orderId, pipelineId, stageId);
        return this.app.Services.GetRequiredService<PipelineStageChangedWebhookSender>().SendAsync(orderId, url, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
