using System.Collections.Concurrent;
using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.Redis;
using FbaMesh.DaprEmulator.Resources;
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
    private readonly ConcurrentDictionary<string, IStateStore> stateStores = new(StringComparer.Ordinal);
    private readonly RedisConnections redis = new();
    private readonly List<EmulatedSidecar> running = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly EventDelivery delivery;
    private readonly Dictionary<string, int> nextReplica = new(StringComparer.Ordinal);

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

    /// <summary>
    /// The broker of a pub/sub component, made from the first sidecar's definition of that name. The
    /// lookup first: GetOrAdd's factory closes over this state and would be allocated on every publish.
    /// </summary>
    public PubSubBroker Broker(ComponentSpec component) => brokers.TryGetValue(component.Name, out var broker) ? broker : brokers.GetOrAdd(component.Name, _ => NewBroker(component));

    public PubSubBroker? ExistingBroker(string name) => brokers.GetValueOrDefault(name);

    public IEnumerable<PubSubBroker> Brokers => brokers.Values;

    public IEnumerable<IStateStore> StateStores => stateStores.Values;

    public IStateStore StateStore(ComponentSpec component) => stateStores.TryGetValue(component.Name, out var store) ? store : stateStores.GetOrAdd(component.Name, _ => NewStateStore(component));

    /// <summary>Connects the Redis-backed components of a sidecar before it opens its ports, as daprd's Init does.</summary>
    public void Prepare(IEnumerable<ComponentSpec> components)
    {
        foreach (var component in components)
        {
            if (component.Category == "pubsub")
            {
                Broker(component);
            }
            else if (component.Category == "state")
            {
                StateStore(component);
            }
        }
    }

    private PubSubBroker NewBroker(ComponentSpec component)
    {
        var logger = Logging.CreateLogger("FbaMesh.DaprEmulator.PubSub");
        if (component.Type == "pubsub.redis")
        {
            var settings = DeliverySettings.RedisStreams(component);
            var streams = new RedisStreams(redis.Database(component), component, settings, Time, logger);
            return new PubSubBroker(component, settings, streams, delivery, Time, logger, stopping.Token);
        }

        return new PubSubBroker(component, DeliverySettings.InMemory(component), null, delivery, Time, logger, stopping.Token);
    }

    private IStateStore NewStateStore(ComponentSpec component) => component.Type == "state.redis"
        ? new RedisStateStore(component.Name, redis.Database(component))
        : new InMemoryStateStore(component.Name);

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

    /// <summary>
    /// A running sidecar of the app id, or null when no such app runs. Replicas (several sidecars with one
    /// app id) take turns, one rotation per app id, as name resolution spreads calls over a service's pods.
    /// </summary>
    public EmulatedSidecar? ResolveApp(string appId)
    {
        lock (running)
        {
            var replicas = running.Where(s => s.AppId == appId).ToList();
            if (replicas.Count == 0)
            {
                return null;
            }

            var turn = nextReplica.GetValueOrDefault(appId);
            nextReplica[appId] = turn + 1;
            return replicas[turn % replicas.Count];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
        AppHttp.Dispose();
        await redis.DisposeAsync();
    }
}
