namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// Does what daprd's cron input binding does for the enricher: POSTs to its /fbamesh-redrive route on
/// every tick (with the app API token when there is one), so Waiting orders come back in the test mesh.
/// </summary>
internal sealed class RedriveTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int paused;

    public RedriveTicker(Uri route, string? appToken)
    {
        this.loop = Task.Run(async () =>
        {
            using var http = new HttpClient();
            if (appToken is not null)
            {
                http.DefaultRequestHeaders.Add("dapr-api-token", appToken);
            }

            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(this.stop.Token).ConfigureAwait(false))
            {
                if (Volatile.Read(ref this.paused) > 0)
                {
                    continue;
                }

                try
                {
                    using var response = await http.PostAsync(route, null, this.stop.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    // The app is starting or stopping; the next tick tries again, as daprd's cron does.
                }
                catch (TaskCanceledException) when (!this.stop.IsCancellationRequested)
                {
                    // A run that outlasted the client's timeout on a crowded machine: the ticks go on.
                }
            }
        });
    }

    /// <summary>No tick until the returned handle is disposed, so a test can look at a Waiting order before the redrive takes it.</summary>
    /// <remarks>A run already under way finishes; the caller waits for the state it needs, which a later run cannot undo.</remarks>
    public IDisposable Pause()
    {
        Interlocked.Increment(ref this.paused);
        return new Resume(this);
    }

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync();
        try
        {
            await this.loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        this.stop.Dispose();
    }

    private sealed class Resume(RedriveTicker ticker) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref this.done, 1) == 0)
            {
                Interlocked.Decrement(ref ticker.paused);
            }
        }
    }
}
