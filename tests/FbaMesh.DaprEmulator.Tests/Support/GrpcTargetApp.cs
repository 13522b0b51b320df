using System.Collections.Concurrent;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>
/// A gRPC app (h2c) serving grpc.health.v1 — Check is unary, Watch is server streaming — that records
/// the metadata each call arrived with.
/// </summary>
internal sealed class GrpcTargetApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private GrpcTargetApp(WebApplication app, int port, HealthServiceImpl health, CallLog calls) =>
        (this.app, Port, Health, Calls) = (app, port, health, calls);

    public int Port { get; }

    public HealthServiceImpl Health { get; }

    public CallLog Calls { get; }

    public static async Task<GrpcTargetApp> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var health = new HealthServiceImpl();
        health.SetStatus("", Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        var calls = new CallLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(calls);
        builder.Services.AddGrpc(o => o.Interceptors.Add<CallLog.Recorder>());
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync();
        return new GrpcTargetApp(app, port, health, calls);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed class CallLog
    {
        public ConcurrentQueue<(string Method, Metadata Headers, DateTime Deadline)> Received { get; } = new();

        internal sealed class Recorder(CallLog log) : Interceptor
        {
            public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
            {
                log.Received.Enqueue((context.Method, context.RequestHeaders, context.Deadline));
                return continuation(request, context);
            }

            public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
            {
                log.Received.Enqueue((context.Method, context.RequestHeaders, context.Deadline));
                return continuation(request, responseStream, context);
            }
        }
    }
}
