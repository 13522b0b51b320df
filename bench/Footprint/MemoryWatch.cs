using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Footprint;

/// <summary>Reads each service's resident memory once a second and keeps the highest seen per app.</summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly Dictionary<string, double> highest = new(StringComparer.Ordinal);
    private readonly PeriodicProbe probe;

    public MemoryWatch(Mesh mesh) =>
        probe = new PeriodicProbe(TimeSpan.FromSeconds(1), () =>
        {
            foreach (var (app, memory) in Now(mesh))
            {
                lock (highest)
                {
                    highest[app] = Math.Max(highest.GetValueOrDefault(app), memory?.RssMb ?? 0);
                }
            }
        });

    public static IReadOnlyDictionary<string, ResidentMemory?> Now(Mesh mesh) =>
        mesh.Endpoints.Services.ToDictionary(s => s.Key, s => ResidentMemory.Of(s.Value.ProcessId), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Highest
    {
        get
        {
            lock (highest)
            {
                return new Dictionary<string, double>(highest, StringComparer.Ordinal);
            }
        }
    }

    public void Start() => probe.Start();

    public ValueTask DisposeAsync() => probe.DisposeAsync();
}
