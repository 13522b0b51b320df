using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// The enricher as it runs in the mesh, all on loopback with free ports: the app itself, emulated
/// sidecars for it and for fba-submitter (with the repository's components, but a quick redelivery
/// policy), the Crystallize emulator and a fake submitter that answers as the test says.
/// </summary>
public sealed class EnricherMesh : IAsyncDisposable
{
    private readonly WebApplication enricher;
    private readonly DaprClient dapr;

    private EnricherMesh(WebApplication enricher, DaprEmulatorHost sidecars, CrystallizeEmulatorApp crystallize, FakeSubmitter submitter, HttpClient http, DaprClient dapr, string resources)
    {
        (this.enricher, Sidecars, Crystallize, Submitter, Http, this.dapr, ResourcesPath) = (enricher, sidecars, crystallize, submitter, http, dapr, resources);
    }

    public DaprEmulatorHost Sidecars { get; }

    public CrystallizeEmulatorApp Crystallize { get; }

    public FakeSubmitter Submitter { get; }

    /// <summary>Every delivery to the enricher and its answer.</summary>
    public DeliveryLog Deliveries { get; private init; } = null!;

    /// <summary>The operator token the enricher's sidecar serves (secret operator, key token).</summary>
    public const string OperatorToken = "test-operator-token-not-a-real-one";

    /// <summary>Talks to the enricher's own HTTP port (the operator API), with the operator token.</summary>
    public HttpClient Http { get; }

    private string ResourcesPath { get; }

    /// <summary>Plays the sidecar's cron input binding fbamesh-redrive: a POST to the app every 100 ms.</summary>
    private RedriveTicker Ticker { get; init; } = null!;

    /// <param name="settings">Extra enricher configuration ("Redrive:Horizon" = "00:00:04", …).</param>
    /// <param name="apiTokens">When true, the enricher's sidecar demands DAPR_API_TOKEN and sends APP_API_TOKEN.</param>
    /// <param name="configure">Replaces services before the enricher is built (a FakeTimeProvider, …).</param>
    /// <param name="services">Replaces the enricher's services (e.g. a fake of Amazon's command calls).</param>
    public static async Task<EnricherMesh> StartAsync(IDictionary<string, string?>? settings = null, bool apiTokens = false, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var (daprToken, appToken) = apiTokens ? ("test-dapr-api-token", "test-app-api-token") : ((string?)null, (string?)null);
        var (appPort, daprHttp, daprGrpc, submitterPort, submitterHttp, submitterGrpc) =
            (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        var crystallize = await CrystallizeEmulatorApp.StartAsync(new CrystallizeEmulatorOptions
        {
            Port = FreeTcpPort.Next(),
            FixturesPath = RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures"),
        });
        var submitter = await FakeSubmitter.StartAsync(submitterPort);
        var resources = TestResources.Create();

        var config = new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{daprGrpc}",
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{daprHttp}",
            ["Crystallize:OrderApiUrl"] = crystallize.BaseAddress + "{tenantIdentifier}/orders",
            ["CrystallizeCoreApi:Url"] = crystallize.BaseAddress + "@{tenantIdentifier}",
            ["Sweep:PageSize"] = "3",
            ["Sweep:PageInterval"] = "00:00:00.010",
            ["Sweep:MinInterval"] = "00:00:00",
            ["Crystallize:ReadAttempts"] = "2",
            ["Crystallize:ReadRetryDelay"] = "00:00:00.020",
            ["Crystallize:HttpRetries"] = "2",
            ["Crystallize:HttpRetryDelay"] = "00:00:00.010",
            // Waiting orders come back within a fraction of a second. The horizon is far beyond what any
            // redrive needs on a crowded machine, so an order that should get through never gives up first;
            // the tests of giving up use ShortHorizonMeshFixture.
            ["Redrive:FirstDelay"] = "00:00:00.050",
            ["Redrive:MaxDelay"] = "00:00:00.400",
            ["Redrive:Horizon"] = "00:05:00",
            // The scheduler stays Lag behind the clock so an index entry written late still lands in a bucket
            // it reads: on a crowded machine a delivery can take seconds between choosing the bucket and
            // writing it, and an entry behind the cursor would never be redriven. Wide buckets keep the
            // reads per tick about as few as with a short lag.
            ["Redrive:BucketWidth"] = "00:00:05",
            ["Redrive:Lag"] = "00:00:20",
            // Roomy for a crowded machine: no test waits for it to run out (a fake submitter answers DEADLINE_EXCEEDED itself),
            // and a test holding a create while a cancel goes through must not see it expire (production's 30 s, under the 35 s budget).
            ["Submitter:Deadline"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Warning",
            ["DAPR_API_TOKEN"] = daprToken,
            ["APP_API_TOKEN"] = appToken,
        };
        foreach (var (key, value) in TestResources.MappingOptions())
        {
            config[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var deliveries = new DeliveryLog();
        var enricher = OrderEnricherApp.Build(
            ["--urls", $"http://127.0.0.1:{appPort}", "--contentRoot", RepositoryPaths.Combine("services", "order-enricher"), "--environment", "Test"],
            b =>
            {
                b.Configuration.AddInMemoryCollection(config);
                b.Services.AddSingleton<IStartupFilter>(deliveries);
                configure?.Invoke(b);
                services?.Invoke(b.Services);
            });
        // Outside Development the enricher's start waits for its sidecar to serve the operator token.
        var starting = enricher.StartAsync();

        var appDir = RepositoryPaths.Combine("services", "order-enricher");
        var sidecars = await DaprEmulatorHost.StartAsync(
        [
            new SidecarOptions("order-enricher")
            {
                DaprHttpPort = daprHttp, DaprGrpcPort = daprGrpc, AppPort = appPort, AppDirectory = appDir,
                ResourcesPath = resources, ConfigFile = "../../components/configuration/order-enricher.yaml",
                DaprApiToken = daprToken, AppApiToken = appToken,
                SecretOverlays = [new SecretOverlay("fbamesh-secrets", "operator", new Dictionary<string, string> { ["token"] = OperatorToken })],
            },
            new SidecarOptions("fba-submitter")
            {
                DaprHttpPort = submitterHttp, DaprGrpcPort = submitterGrpc, AppPort = submitterPort, AppProtocol = "grpc",
                AppDirectory = RepositoryPaths.Combine("services", "fba-submitter"), ResourcesPath = resources,
            },
        ]);
        // Deadlines, not waits: on a calm machine both are done in a second or two.
        await starting.WaitAsync(StartDeadline);
        await sidecars["order-enricher"].SubscriptionsDiscovered.WaitAsync(StartDeadline);

        var ticker = new RedriveTicker(new Uri($"http://127.0.0.1:{appPort}/fbamesh-redrive"), appToken);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorToken);
        var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint($"http://127.0.0.1:{daprGrpc}")
            .UseHttpEndpoint($"http://127.0.0.1:{daprHttp}")
            .UseDaprApiToken(daprToken)
            .Build();
        return new EnricherMesh(enricher, sidecars, crystallize, submitter, http, dapr, resources) { Deliveries = deliveries, Ticker = ticker };
    }

    /// <summary>Stops the redrive's ticks until the handle is disposed (see <see cref="RedriveTicker.Pause"/>).</summary>
    public IDisposable PauseRedrive() => Ticker.Pause();

    /// <summary>Stores a copy of a sample fixture under a fresh order id, so each test has orders of its own.</summary>
    public string CopyOfFixture(string fixtureId, int readableAfterReads = 0)
    {
        var order = Crystallize.Orders.Peek(fixtureId) ?? throw new ArgumentException($"No fixture {fixtureId}.", nameof(fixtureId));
        var id = OrderIds.New();
        order["id"] = id;
        Crystallize.PutOrder(id, order, new CrystallizeEmulator.Orders.OrderReadability(readableAfterReads, TimeSpan.Zero));
        return id;
    }

    /// <summary>Stores a copy of a sample fixture created just now, as a new shop order; nothing is published for it.</summary>
    public string NewOrderFromFixture(string fixtureId, DateTimeOffset createdAt)
    {
        var order = Crystallize.Orders.Peek(fixtureId) ?? throw new ArgumentException($"No fixture {fixtureId}.", nameof(fixtureId));
        var id = OrderIds.New();
        order["id"] = id;
        order["createdAt"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Crystallize.PutOrder(id, order, new CrystallizeEmulator.Orders.OrderReadability(0, TimeSpan.Zero));
        return id;
    }

    /// <summary>POSTs to one of the enricher's input-binding routes, as its sidecar does on a cron tick.</summary>
    public async Task<JsonElement> TriggerBindingAsync(string name)
    {
        using var response = await Http.PostAsync($"/{name}", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Publishes an OrderReceived straight onto a topic (the dead-letter topic, say), with its received_at when given.</summary>
    public Task PublishOrderReceivedToAsync(string topic, string orderId, DateTimeOffset? receivedAt = null) =>
        this.dapr.PublishByteEventAsync("fbamesh-pubsub", topic, System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(new OrderReceived
        {
            OrderId = orderId,
            ReceivedAt = receivedAt is { } at ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at) : null,
        })), "application/json");

    /// <summary>The enricher's services (its meter factory, options).</summary>
    public IServiceProvider Services => this.enricher.Services;

    /// <summary>The state as Dapr holds it, for a test that plays another delivery.</summary>
    public DaprClient Dapr => this.dapr;

    /// <summary>Publishes OrderReceived as the gateway does (protobuf JSON on orders.received).</summary>
    public Task PublishOrderReceivedAsync(string orderId) => PublishRawAsync(JsonFormatter.Default.Format(new OrderReceived { OrderId = orderId, TenantIdentifier = "fbamesh-dev" }));

    /// <summary>Publishes OrderStageChanged as the gateway does (protobuf JSON on orders.stage-changed).</summary>
    public Task PublishStageChangedAsync(string orderId, string pipelineId, string stageId) =>
        this.dapr.PublishByteEventAsync("fbamesh-pubsub", "orders.stage-changed", System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(
            new OrderStageChanged { OrderId = orderId, PipelineId = pipelineId, StageId = stageId, TenantIdentifier = "fbamesh-dev" })), "application/json");

    public Task PublishRawAsync(string json) =>
        this.dapr.PublishByteEventAsync("fbamesh-pubsub", "orders.received", System.Text.Encoding.UTF8.GetBytes(json), "application/json");

    internal async Task<OrderState?> StateAsync(string orderId)
    {
        using var response = await Http.GetAsync($"/api/orders/{orderId}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<OrderState>(OrderStateJson.Options) : null;
    }

    /// <summary>
    /// Waits until the order's state is final (Submitted, Skipped or Failed). The deadline is past the enricher's
    /// own bound on one delivery (Pipeline:DeliveryBudget, 35 s, then it parks and the redrive sends it again):
    /// on a crowded machine the first delivery after the mesh starts can use most of that budget.
    /// </summary>
    internal async Task<OrderState> FinalStateAsync(string orderId) =>
        (await Eventually.UntilAsync(() => StateAsync(orderId), s => s is { IsFinal: true }, $"order {orderId} to reach a final state", FinalStateDeadline))!;

    private static readonly TimeSpan FinalStateDeadline = TimeSpan.FromSeconds(90);

    /// <summary>For the app to start and its sidecar to find its subscriptions, with a dozen meshes starting side by side on two busy cores.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    public IReadOnlyList<JsonElement> Published(string topic) =>
        [.. Sidecars.PublishedTo("fbamesh-pubsub", topic).Select(r => r.Data ?? default)];

    /// <summary>Events on <paramref name="topic"/> whose data carries this order id.</summary>
    public int PublishedFor(string topic, string orderId) =>
        Published(topic).Count(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("orderId", out var id) && id.GetString() == orderId);

    public Task WaitForPublishedAsync(string topic, string orderId, int count = 1) =>
        Eventually.UntilAsync(() => PublishedFor(topic, orderId) >= count, $"{count} event(s) for {orderId} on {topic}");

    /// <summary>
    /// The answers to this order's deliveries once there are at least <paramref name="count"/>: the state
    /// turns final just before the answer leaves the app, so a test waits for the answer to be recorded.
    /// </summary>
    public async Task<IReadOnlyList<string>> AnswersAsync(string orderId, int count) =>
        await Eventually.UntilAsync(() => Task.FromResult(Deliveries.AnswersFor(orderId)), a => a.Count >= count, $"{count} answer(s) for {orderId}");

    /// <summary>
    /// The answers other than RETRY once there are at least <paramref name="count"/> (and, if given, one of
    /// them is <paramref name="including"/>). A redrive may send a due order twice on a crowded machine (its
    /// index entry leaves only after the publish): the copy that meets the claim answers RETRY and claims
    /// nothing, and a copy that comes after the final state acknowledges it (SUCCESS) without work. So tests
    /// count attempts from the order's state and the submitter's calls, and check here what the answers were.
    /// </summary>
    public async Task<IReadOnlyList<string>> SettledAnswersAsync(string orderId, int count, string? including = null) =>
        await Eventually.UntilAsync(
            () => Task.FromResult<IReadOnlyList<string>>([.. Deliveries.AnswersFor(orderId).Where(a => a != "RETRY")]),
            a => a.Count >= count && (including is null || a.Contains(including)),
            $"{count} answer(s) other than RETRY for {orderId}" + (including is null ? "" : $", {including} among them"));

    public async ValueTask DisposeAsync()
    {
        await Ticker.DisposeAsync();
        Http.Dispose();
        this.dapr.Dispose();
        await Sidecars.DisposeAsync();
        await this.enricher.StopAsync();
        await this.enricher.DisposeAsync();
        await Submitter.DisposeAsync();
        await Crystallize.DisposeAsync();
        TestResources.Delete(ResourcesPath);
    }
}
