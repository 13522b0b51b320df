using System.Net;

namespace FbaMesh.DevMesh.Processes;

/// <summary>
/// Waits until a service answers its readiness endpoint. The gRPC app speaks only h2c, so it is
/// asked over HTTP/2 with prior knowledge; HTTP apps over HTTP/1.1.
/// </summary>
internal sealed class ReadinessProbe(HttpClient http)
{
    public async Task<bool> IsReadyAsync(Uri readyUrl, bool http2Only, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, readyUrl);
        if (http2Only)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Polls until ready; fails early when the process exits, late when the deadline passes.</summary>
    public async Task WaitAsync(string name, Uri readyUrl, bool http2Only, Task<int> exited, TimeSpan deadline, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(50);
        while (!await IsReadyAsync(readyUrl, http2Only, ct))
        {
            if (exited.IsCompleted)
            {
                throw new MeshStartException($"{name} exited with code {await exited} before it was ready.");
            }

            if (TimeProvider.System.GetElapsedTime(started) > deadline)
            {
                throw new MeshStartException($"{name} was not ready at {readyUrl} within {deadline.TotalSeconds:0} s.");
            }

            await Task.WhenAny(Task.Delay(delay, ct), exited);
            ct.ThrowIfCancellationRequested();
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}
