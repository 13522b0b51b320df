using System.Collections.Concurrent;
using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.State;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Hosting;

/// <summary>
/// What the sidecars of one emulator process share: the in-memory pub/sub brokers and state stores
/// (so an event published through one app's sidecar reaches the others), the app registry used for
/// service invocation, and the HTTP client that calls apps.
/// </summary>
internal sealed class SharedSidecarState : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PubSubBroker> brokers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryStateStore> stateStores = new(StringComparer.Ordinal);
    private readonly List<EmulatedSidecar> running = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly EventDelivery delivery;
    private int nextReplica;

    public SharedSidecarState(ILoggerFactory logging, TimeProvider time)
    {
        (Logging, Time) = (logging, time);
        // Deliveries carry the event's own traceparent (set from the envelope); no listener in this
        // process may replace it with a new trace, so the handler propagates no activity headers.
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ActivityHeadersPropagator = null,
        };
        AppHttp = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        delivery = new EventDelivery(AppHttp, logging.CreateLogger("FbaMesh.DaprEmulator.Delivery"));
        Bindings = new SharedBindings(AppHttp, time, logging);
    }

    public ILoggerFactory Logging { get; }

    public TimeProvider Time { get; }

    public HttpClient AppHttp { get; }

    public CancellationToken Stopping => stopping.Token;

    /// <summary>The emulated queues of bindings.aws.sqs components and the input bindings' delivery history.</summary>
    public SharedBindings Bindings { get; }

    // The lookup first: GetOrAdd's factory closes over this state and would be allocated on every publish.
    public PubSubBroker Broker(string name) => brokers.TryGetValue(name, out var broker) ? broker : brokers.GetOrAdd(name, n =>
        new PubSubBroker(n, delivery, Time, Logging.CreateLogger("FbaMesh.DaprEmulator.PubSub"), stopping.Token));

    public PubSubBroker? ExistingBroker(string name) => brokers.GetValueOrDefault(name);

    public IEnumerable<PubSubBroker> Brokers => brokers.Values;

    public IEnumerable<InMemoryStateStore> StateStores => stateStores.Values;

    public InMemoryStateStore StateStore(string name) => stateStores.GetOrAdd(name, n => new InMemoryStateStore(n));

    public void Register(EmulatedSidecar sidecar)
    {
        lock (running)
        {
            running.Add(sidecar);
        }
    }

    public void Unregister(EmulatedSidecar sidecar)
    {
        lock (running)
        {
            running.Remove(sidecar);
        }
    }

    /// <summary>A running sidecar of the app id (replicas take turns), or null when no such app runs.</summary>
    public EmulatedSidecar? ResolveApp(string appId)
    {
        lock (running)
        {
            var replicas = running.Where(s => s.AppId == appId).ToList();
            return replicas.Count == 0 ? null : replicas[nextReplica++ % replicas.Count];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
        AppHttp.Dispose();
    }
}
