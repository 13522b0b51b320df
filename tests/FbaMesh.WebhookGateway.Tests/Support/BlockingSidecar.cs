using System.Net;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>
/// A Dapr sidecar's gRPC port that takes every publish and holds it until the test releases it, so a
/// test can keep a known number of webhooks inside the gateway without timing anything.
/// </summary>
public sealed class BlockingSidecar : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim arrived = new(0);
    private int publishes;

    private BlockingSidecar(WebApplication app, int grpcPort) => (this.app, GrpcPort) = (app, grpcPort);

    public int GrpcPort { get; }

    public int Publishes => Volatile.Read(ref this.publishes);

    public static async Task<BlockingSidecar> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var sidecar = new BlockingSidecar(app, port);
        app.Run(sidecar.HoldAsync);
        await app.StartAsync();
        return sidecar;
    }

    /// <summary>Waits until <paramref name="count"/> publishes are being held.</summary>
    public async Task WaitForHeldAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await arrived.WaitAsync(Eventually.DefaultTimeout))
            {
                throw new TimeoutException($"Only {i} of {count} publishes reached the sidecar.");
            }
        }
    }

    public void Release() => this.released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
        arrived.Dispose();
    }

    // Answers PublishEvent (google.protobuf.Empty) once released: an empty message and grpc-status 0.
    private async Task HoldAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref this.publishes);
        arrived.Release();
        await this.released.Task;
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
