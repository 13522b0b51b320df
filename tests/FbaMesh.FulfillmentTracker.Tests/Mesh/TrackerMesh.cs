using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapr.Client;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.DaprEmulator;
using FbaMesh.FulfillmentTracker.Amazon;
using FbaMesh.FulfillmentTracker.Tracking;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.FulfillmentTracker.Tests.Mesh;

/// <summary>
/// The tracker as it runs in the mesh, all on loopback with free ports: the app itself with its emulated
/// sidecar (the repository's components and the tracker's Configuration, app and Dapr API tokens on), the
/// Crystallize emulator, and Amazon as a fake behind the submitter's reads. The app can be stopped and
/// started again on the same port and sidecar, as a killed pod comes back.
/// </summary>
internal sealed class TrackerMesh : IAsyncDisposable
{
    public const string AppToken = "tracker-app-token-for-tests";
    public const string DaprToken = "tracker-dapr-token-for-tests";

    private readonly int appPort;
    private readonly int daprHttp;
    private readonly int daprGrpc;
    private readonly Dictionary<string, string?> config;
    private readonly string resources;
    private WebApplication tracker;

    private TrackerMesh(WebApplication tracker, int appPort, int daprHttp, int daprGrpc, Dictionary<string, string?> config, string resources)
    {
        (this.tracker, this.appPort, this.daprHttp, this.daprGrpc, this.config, this.resources) = (tracker, appPort, daprHttp, daprGrpc, config, resources);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}") };
        Dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{daprGrpc}").UseHttpEndpoint($"http://127.0.0.1:{daprHttp}").UseDaprApiToken(DaprToken).Build();
    }

    internal FakeAmazon Amazon { get; } = new();

    public CrystallizeEmulatorApp Crystallize { get; private init; } = null!;

    public DaprEmulatorHost Sidecars { get; private set; } = null!;

    /// <summary>The tracker's own HTTP port, without a token.</summary>
    public HttpClient Http { get; }

    public DaprClient Dapr { get; }

    public IServiceProvider Services => this.tracker.Services;

    public static async Task<TrackerMesh> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var (appPort, daprHttp, daprGrpc) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        var crystallize = await CrystallizeEmulatorApp.StartAsync(new CrystallizeEmulatorOptions { Port = FreeTcpPort.Next() });
        var resources = TestResources.Create();
        var config = new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{daprGrpc}",
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{daprHttp}",
            ["DAPR_API_TOKEN"] = DaprToken,
            ["APP_API_TOKEN"] = AppToken,
            ["CrystallizeCoreApi:Url"] = crystallize.BaseAddress + "@{tenantIdentifier}",
            ["CrystallizeCoreApi:HttpRetries"] = "0",
            ["CrystallizeCoreApi:AttemptTimeout"] = "00:01:00",
            ["CrystallizeCoreApi:TotalTimeout"] = "00:02:00",
            ["Tracking:Lease"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var mesh = new TrackerMesh(null!, appPort, daprHttp, daprGrpc, config, resources) { Crystallize = crystallize };
        mesh.tracker = mesh.BuildApp();
        await mesh.tracker.StartAsync();
        mesh.Sidecars = await DaprEmulatorHost.StartAsync(
        [
            new SidecarOptions("fulfillment-tracker")
            {
                DaprHttpPort = daprHttp, DaprGrpcPort = daprGrpc, AppPort = appPort,
                AppDirectory = RepositoryPaths.Combine("services", "fulfillment-tracker"), ResourcesPath = resources,
                ConfigFile = "../../components/configuration/fulfillment-tracker.yaml",
                DaprApiToken = DaprToken, AppApiToken = AppToken,
            },
        ]);
        // A deadline, not a wait: done in a second on a calm machine, and roomy beside a dozen other meshes starting.
        await mesh.Sidecars["fulfillment-tracker"].SubscriptionsDiscovered.WaitAsync(TimeSpan.FromMinutes(3));
        return mesh;
    }

    private WebApplication BuildApp() => FulfillmentTrackerApp.Build(
        ["--urls", $"http://127.0.0.1:{this.appPort}", "--contentRoot", RepositoryPaths.Combine("services", "fulfillment-tracker"), "--environment", "Test"],
        b =>
        {
            b.Configuration.AddInMemoryCollection(this.config);
            b.Services.AddSingleton<IAmazonOrders>(Amazon);
        });

    /// <summary>Kills the app (its sidecar stays, as daprd does while the container restarts).</summary>
    public async Task StopTrackerAsync()
    {
        await this.tracker.StopAsync(new CancellationToken(canceled: true));
        await this.tracker.DisposeAsync();
    }

    public async Task StartTrackerAsync()
    {
        this.tracker = BuildApp();
        await this.tracker.StartAsync();
    }

    /// <summary>A Crystallize order with a meta key of the merchant's own, so a test sees it kept.</summary>
    public string NewCrystallizeOrder()
    {
        var id = OrderIds.New();
        Crystallize.PutOrder(id, JsonNode.Parse($$"""{"id":"{{id}}","createdAt":"2026-11-02T09:00:00Z","meta":[{"key":"merchant-note","value":"gift"}]}""")!.AsObject());
        return id;
    }

    /// <summary>Publishes fulfillment.submitted as the enricher does.</summary>
    public Task PublishSubmittedAsync(string orderId) =>
        Dapr.PublishByteEventAsync(PubSub.Name, PubSub.FulfillmentSubmitted,
            Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(new FulfillmentSubmitted { OrderId = orderId, SellerFulfillmentOrderId = orderId, Outcome = "CREATED" })),
            ProtobufJsonEvents.ContentType);

    /// <summary>POSTs to a binding route as daprd does (with the app token).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string binding, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + binding) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("dapr-api-token", AppToken);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> NotifyAsync(string sellerFulfillmentOrderId, DateTimeOffset statusUpdatedAt) =>
        DeliverAsync("fbamesh-amazon-notifications", Notification(sellerFulfillmentOrderId, statusUpdatedAt));

    public Task<HttpResponseMessage> PollAsync() => DeliverAsync("fbamesh-tracking-poll", "");

    public static string Notification(string sellerFulfillmentOrderId, DateTimeOffset statusUpdatedAt) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            NotificationVersion = "1.0",
            NotificationType = "FULFILLMENT_ORDER_STATUS",
            PayloadVersion = "1.0",
            EventTime = statusUpdatedAt,
            Payload = new { FulfillmentOrderStatusNotification = new { SellerFulfillmentOrderId = sellerFulfillmentOrderId, StatusUpdatedDateTime = statusUpdatedAt } },
        });

    public async Task<TrackedOrder?> TrackedAsync(string sellerFulfillmentOrderId) =>
        (await Services.GetRequiredService<TrackedOrderStore>().GetAsync(sellerFulfillmentOrderId, CancellationToken.None)).Order;

    public string? Meta(string orderId, string key) =>
        Crystallize.Orders.Peek(orderId)?["meta"]?.AsArray().FirstOrDefault(m => m?["key"]?.GetValue<string>() == key)?["value"]?.GetValue<string>();

    public IReadOnlyList<string> Writes(string orderId) => [.. Crystallize.Orders.Writes(orderId)?.Select(w => w.Operation) ?? []];

    public IReadOnlyList<string> EventIds(string topic, string orderId) =>
        [.. Sidecars.PublishedTo(PubSub.Name, topic).Where(e => e.Json.Contains(orderId, StringComparison.Ordinal)).Select(e => e.Id)];

    /// <summary>Waits until the order is tracked (fulfillment.submitted delivered and the first look done).</summary>
    public Task UntilTrackedAsync(string orderId) =>
        Eventually.UntilAsync(async () => await TrackedAsync(orderId) is { LastReadAt: not null, LeaseHolder: null }, $"order {orderId} tracked");

    public async Task<JsonObject> PostJsonAsync(string path, object body) =>
        (await (await Http.PostAsJsonAsync(path, body)).Content.ReadFromJsonAsync<JsonObject>())!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Dapr.Dispose();
        await Sidecars.DisposeAsync();
        try
        {
            await this.tracker.StopAsync(new CancellationToken(canceled: true));
            await this.tracker.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by a kill test.
        }

        await Crystallize.DisposeAsync();
        TestResources.Delete(this.resources);
    }
}
