using System.Net;
using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.GrpcApi;
using FbaMesh.DaprEmulator.Http;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Hosting;

/// <summary>The web server of one sidecar: the Dapr HTTP port (HTTP/1.1) and the Dapr gRPC port (h2c).</summary>
internal static class SidecarServer
{
    public static WebApplication Build(EmulatedSidecar sidecar)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "FbaMesh.DaprEmulator",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Services.AddSingleton(sidecar.Shared.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // IPv4 loopback only: the endpoints are 127.0.0.1 (Dapr's defaults) and tests pick ports free there.
            kestrel.Listen(IPAddress.Loopback, sidecar.Options.DaprHttpPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, sidecar.Options.DaprGrpcPort, l => l.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });
        builder.Services.AddSingleton(sidecar);
        // A stopping sidecar cuts open streams after a moment instead of waiting the default 30 s for them.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        // Unknown services fall through to the invocation proxy instead of being answered UNIMPLEMENTED.
        builder.Services.AddGrpc(o => o.IgnoreUnknownServices = true);
        builder.Services.AddSingleton<IServiceMethodProvider<DaprRuntimeService>, DaprRuntimeMethods>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<InvocationProxy>();

        var app = builder.Build();
        app.UseDaprApiToken(sidecar.Options.DaprApiToken, sidecar.Options.DaprHttpPort);
        app.MapGrpcService<DaprRuntimeService>();
        app.MapDaprHttpApi(sidecar);
        app.MapBindingFeed(sidecar);
        app.MapFallback(context => context.RequestServices.GetRequiredService<InvocationProxy>().HandleAsync(context));
        return app;
    }
}
