using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>What the sidecars of one emulator process share for input bindings: the emulated queues and the delivery history.</summary>
internal sealed class SharedBindings
{
    private readonly ConcurrentDictionary<string, EmulatedQueue> queues = new(StringComparer.Ordinal);

    public SharedBindings(HttpClient appHttp, TimeProvider time, ILoggerFactory logging)
    {
        Time = time;
        Logger = logging.CreateLogger("FbaMesh.DaprEmulator.Bindings");
        Delivery = new BindingDelivery(appHttp, History, time, Logger);
        Probe = new BindingProbe(appHttp, Logger);
    }

    public BindingHistory History { get; } = new();

    public TimeProvider Time { get; }

    public BindingDelivery Delivery { get; }

    public BindingProbe Probe { get; }

    public ILogger Logger { get; }

    public EmulatedQueue Queue(string key) => queues.GetOrAdd(key, k => new EmulatedQueue(k, Time));

    public IEnumerable<EmulatedQueue> Queues => queues.Values;
}
