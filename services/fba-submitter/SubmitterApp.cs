using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.GrpcApi;
using FbaMesh.FbaSubmitter.SharedPacing;
using FbaMesh.FbaSubmitter.Submitting;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.FbaSubmitter;

/// <summary>Builds the fba-submitter; Program.cs runs it and tests host it in-process.</summary>
public static class SubmitterApp
{
    /// <param name="args">Command-line arguments (--urls and configuration overrides).</param>
    /// <param name="configure">Lets a test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddConfiguration();
        builder.AddCredentials();
        builder.AddAmazon();
        builder.AddSharedPacing();
        builder.AddSubmitting();
        builder.AddGrpcApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcApi();
        return app;
    }
}
