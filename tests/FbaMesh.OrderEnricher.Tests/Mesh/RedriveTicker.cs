namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// Does what daprd's cron input binding does for the enricher: POSTs to its /fbamesh-redrive route on
/// every tick (with the app API token when there is one), so Waiting orders come back in the test mesh.
/// </summary>
internal sealed class RedriveTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

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
}
