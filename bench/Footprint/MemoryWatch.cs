using FbaMesh.Bench.Common;
using FbaMesh.DevMesh;

namespace FbaMesh.Bench.Footprint;

/// <summary>Reads each service's resident memory once a second and keeps the highest seen per app.</summary>
public sealed class MemoryWatch(Mesh mesh) : IAsyncDisposable
{
    private readonly Dictionary<string, double> highest = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private int disposed;

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

    public void Start() => loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                foreach (var (app, memory) in Now(mesh))
                {
                    lock (highest)
                    {
                        highest[app] = Math.Max(highest.GetValueOrDefault(app), memory?.RssMb ?? 0);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }
}
