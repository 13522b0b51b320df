using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.GrpcApi;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter;

/// <summary>
/// The app as a table of contents. Tests host it in-process through <see cref="Build"/>, with
/// service overrides (a secret source, a clock) applied last.
/// </summary>
public static class SubmitterApp
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.UseH2cOnly();
        builder.AddSpApiOptions();
        builder.AddCredentials();
        builder.AddSpApiClients();
        builder.AddFulfillmentOrdersGrpc();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapFulfillmentOrdersGrpc();
        return app;
    }
}
