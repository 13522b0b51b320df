using System.Collections.Concurrent;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>A request as the app saw it on the wire.</summary>
internal sealed record AppRequest(string Method, string Path, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A plain ASP.NET Core app that records every request before routing answers it. The test maps its
/// endpoints; an OPTIONS on a path mapped for POST only gets ASP.NET Core's 405, an unmapped path 404.
/// </summary>
internal sealed class BindingApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private BindingApp(WebApplication app, int port) => (this.app, Port) = (app, port);

    public int Port { get; }

    public ConcurrentQueue<AppRequest> Requests { get; } = new();

    public static async Task<BindingApp> StartAsync(Action<WebApplication> map, int? port = null, Func<HttpContext, bool>? refuseOptions = null)
    {
        var chosen = port ?? FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{chosen}");
        var app = builder.Build();
        var recorded = new BindingApp(app, chosen);
        app.Use(async (context, next) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            recorded.Requests.Enqueue(new AppRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType, body.ToArray(), headers));
            // The endpoint reads the body again.
            context.Request.Body = new MemoryStream(body.ToArray());
            if (HttpMethods.IsOptions(context.Request.Method) && refuseOptions?.Invoke(context) == true)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        map(app);
        await app.StartAsync();
        return recorded;
    }

    public IReadOnlyList<AppRequest> Posts(string path) => [.. Requests.Where(r => r.Method == "POST" && r.Path == path)];

    public IReadOnlyList<AppRequest> Probes => [.. Requests.Where(r => r.Method == "OPTIONS")];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
