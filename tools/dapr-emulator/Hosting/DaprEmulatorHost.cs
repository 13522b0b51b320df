using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.Hosting;
using FbaMesh.DaprEmulator.Resources;
using FbaMesh.DaprEmulator.RunFile;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FbaMesh.DaprEmulator;

/// <summary>
/// One emulator process: a sidecar per app, sharing in-memory pub/sub and state. Used by the command
/// line and, in-process, by tests and tools/devmesh.
/// </summary>
public sealed class DaprEmulatorHost : IAsyncDisposable
{
    private readonly SharedSidecarState shared;
    private readonly List<EmulatedSidecar> sidecars;

    private DaprEmulatorHost(SharedSidecarState shared, List<EmulatedSidecar> sidecars) => (this.shared, this.sidecars) = (shared, sidecars);

    /// <summary>Every sidecar, replicas of one app id included, in start order.</summary>
    public IReadOnlyList<EmulatedSidecar> Sidecars => sidecars;

    /// <summary>The (first) sidecar of an app id.</summary>
    public EmulatedSidecar this[string appId] =>
        sidecars.FirstOrDefault(s => s.AppId == appId) ?? throw new KeyNotFoundException($"No emulated sidecar for app '{appId}'.");

    /// <summary>Loads every sidecar's resources first (so a bad component fails before any port opens), then starts them.</summary>
    public static async Task<DaprEmulatorHost> StartAsync(IEnumerable<SidecarOptions> sidecars, ILoggerFactory? logging = null, CancellationToken ct = default) =>
        await StartAsync(sidecars, logging, TimeProvider.System, ct);

    /// <summary>As <see cref="StartAsync(IEnumerable{SidecarOptions}, ILoggerFactory?, CancellationToken)"/> with a chosen clock for redelivery backoff.</summary>
    public static async Task<DaprEmulatorHost> StartAsync(IEnumerable<SidecarOptions> sidecars, ILoggerFactory? logging, TimeProvider time, CancellationToken ct = default)
    {
        var shared = new SharedSidecarState(logging ?? NullLoggerFactory.Instance, time);
        var started = new List<EmulatedSidecar>();
        try
        {
            var all = sidecars.Select(o => new EmulatedSidecar(o, shared)).ToList();
            foreach (var sidecar in all)
            {
                await sidecar.StartAsync(ct);
                started.Add(sidecar);
            }

            return new DaprEmulatorHost(shared, started);
        }
        catch
        {
            foreach (var sidecar in started)
            {
                await sidecar.StopAsync();
            }

            await shared.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads a Dapr multi-app run file (dapr.yaml) into sidecar options.</summary>
    public static IReadOnlyList<SidecarOptions> ReadRunFile(string daprYamlPath) => RunFileReader.Read(daprYamlPath);

    /// <summary>Emulator-only: the envelopes published to a topic (dead-letter topics included), oldest first, the last 1000.</summary>
    public IReadOnlyList<CloudEventRecord> PublishedTo(string pubsub, string topic) =>
        shared.ExistingBroker(pubsub)?.PublishedTo(topic) ?? [];

    /// <summary>Emulator-only: every envelope kept by every pub/sub component and topic.</summary>
    public IReadOnlyList<CloudEventRecord> PublishedAnywhere() =>
        [.. shared.Brokers.SelectMany(b => b.PublishedToAnyTopic())];

    /// <summary>Emulator-only: every key of every state store, with its stored value as text, e.g. to prove what is never stored.</summary>
    public IReadOnlyList<(string Store, string Key, string Value)> StoredState() =>
        [.. shared.StateStores.SelectMany(s => s.Snapshot().Select(i => (s.Name, i.Key, i.Value)))];

    /// <summary>Emulator-only: the messages of the emulated queue a bindings.aws.sqs component names (by queueName, in its region), delivered ones first.</summary>
    public IReadOnlyList<QueuedMessage> QueueMessages(string queueName, string region = "") =>
        shared.Bindings.Queues.FirstOrDefault(q => q.Key == $"{region}/{queueName}")?.Messages() ?? [];

    /// <summary>Emulator-only: every attempt to hand an input binding event to an app (the last 1000), oldest first.</summary>
    public IReadOnlyList<BindingDeliveryRecord> BindingDeliveries() => shared.Bindings.History.All();

    /// <summary>Emulator-only: what POST /_emulator/bindings/{binding} on this app's sidecar does (queues one message); null when the app has no such queue binding.</summary>
    public QueuedMessage? SendToQueue(string appId, string binding, byte[] body, string? contentType = null) =>
        this[appId].Bindings.Find(binding) is { QueueKey: { } key } ? shared.Bindings.Queue(key).Send(body, contentType) : null;

    /// <summary>
    /// Emulator-only, before or after start: the feed URL (POST /_emulator/bindings/{name} on its Dapr HTTP
    /// port) of each bindings.aws.sqs component this sidecar will load, by component name.
    /// </summary>
    public static IReadOnlyDictionary<string, Uri> BindingFeedUrls(SidecarOptions sidecar) =>
        ResourceLoader.Load(sidecar.ResolvePath(sidecar.ResourcesPath), sidecar.AppId).Components
            .Where(c => c.Type == InputBinding.QueueType)
            .ToDictionary(c => c.Name, c => new Uri($"http://127.0.0.1:{sidecar.DaprHttpPort}{FeedEndpoint.PathPrefix}{Uri.EscapeDataString(c.Name)}"), StringComparer.Ordinal);

    /// <summary>Emulator-only: the feed URL of an app's queue binding (POST one message to it); every sidecar that loads the binding serves one.</summary>
    public Uri BindingFeedUrl(string appId, string binding) => new(this[appId].HttpEndpoint, FeedEndpoint.PathPrefix + Uri.EscapeDataString(binding));

    /// <summary>Stops every sidecar of the app id (its ports close; its subscriptions leave the consumer groups).</summary>
    public async Task StopSidecarAsync(string appId)
    {
        foreach (var sidecar in sidecars.Where(s => s.AppId == appId).ToList())
        {
            await sidecar.StopAsync();
            sidecars.Remove(sidecar);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in sidecars.ToList())
        {
            await sidecar.StopAsync();
        }

        sidecars.Clear();
        await shared.DisposeAsync();
    }
}
