using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>An HTTP endpoint on loopback that records the notifications POSTed to it; it can refuse the first attempts of each.</summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, int> attemptsById = new(StringComparer.Ordinal);
    private readonly Task loop;

    public NotificationReceiver(int refuseFirstAttempts = 0, bool refuseAll = false)
    {
        var port = FreeTcpPort.Next();
        Url = new Uri($"http://127.0.0.1:{port}/notifications/");
        this.listener.Prefixes.Add(Url.ToString());
        this.listener.Start();
        this.loop = Task.Run(() => ServeAsync(refuseFirstAttempts, refuseAll));
    }

    public Uri Url { get; }

    /// <summary>Notifications accepted (2xx), in arrival order.</summary>
    public ConcurrentQueue<JsonNode> Accepted { get; } = new();

    public int Attempts(string notificationId) => this.attemptsById.GetValueOrDefault(notificationId);

    public int AllAttempts => this.attemptsById.Values.Sum();

    private async Task ServeAsync(int refuseFirst, bool refuseAll)
    {
        while (this.listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await this.listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            var id = body["NotificationMetadata"]!["NotificationId"]!.GetValue<string>();
            var attempt = this.attemptsById.AddOrUpdate(id, 1, (_, n) => n + 1);
            var accept = !refuseAll && attempt > refuseFirst;
            if (accept)
            {
                Accepted.Enqueue(body);
            }

            context.Response.StatusCode = accept ? 204 : 500;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        this.listener.Stop();
        this.listener.Close();
        await this.loop;
    }
}
