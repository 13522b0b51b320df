namespace FbaMesh.Bench.Common;

/// <summary>
/// Runs one look at something (a counter, a process's memory) on a period in the background, from
/// <see cref="Start"/> until disposed; the first look happens at once.
/// </summary>
public sealed class PeriodicProbe(TimeSpan period, Action look) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private int disposed;

    public void Start() => loop = Task.Run(RunAsync);

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

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            do
            {
                look();
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }
}
