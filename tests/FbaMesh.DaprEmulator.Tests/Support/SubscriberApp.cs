using System.Collections.Concurrent;
using System.Text.Json;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>A delivery as the app saw it on the wire: route, content type, token and the raw envelope.</summary>
internal sealed record Delivery(string Path, string? ContentType, string? ApiToken, string? TraceParent, JsonElement Envelope)
{
    public string Id => Envelope.GetProperty("id").GetString()!;
}

/// <summary>
/// A real Dapr.AspNetCore subscriber: UseCloudEvents, MapSubscribeHandler and topic endpoints that a
/// test maps. A middleware in front records each delivery before the SDK unwraps it.
/// </summary>
internal sealed class SubscriberApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private SubscriberApp(WebApplication app, int port) => (this.app, Port) = (app, port);

    public int Port { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public ConcurrentQueue<string?> SubscribeCalls { get; } = new();

    public static async Task<SubscriberApp> StartAsync(Action<WebApplication> mapTopics, int? port = null)
    {
        var chosen = port ?? FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{chosen}");
        builder.Services.AddDaprClient();
        var app = builder.Build();
        var subscriber = new SubscriberApp(app, chosen);
        app.Use(async (context, next) =>
        {
            await subscriber.RecordAsync(context.Request);
            await next(context);
        });
        app.UseCloudEvents();
        app.MapSubscribeHandler();
        mapTopics(app);
        await app.StartAsync();
        return subscriber;
    }

    public IReadOnlyList<Delivery> At(string path) => [.. Deliveries.Where(d => d.Path == path)];

    private async Task RecordAsync(HttpRequest request)
    {
        var token = request.Headers["dapr-api-token"].ToString() is { Length: > 0 } t ? t : null;
        if (request.Path == "/dapr/subscribe")
        {
            SubscribeCalls.Enqueue(token);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return;
        }

        request.EnableBuffering();
        using var document = await JsonDocument.ParseAsync(request.Body);
        request.Body.Position = 0;
        Deliveries.Enqueue(new Delivery(request.Path, request.ContentType, token, request.Headers["traceparent"].ToString(), document.RootElement.Clone()));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
