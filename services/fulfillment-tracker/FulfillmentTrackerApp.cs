using FbaMesh.FulfillmentTracker.Amazon;
using FbaMesh.FulfillmentTracker.Feeds;
using FbaMesh.FulfillmentTracker.Tracking;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.FulfillmentTracker;

/// <summary>Builds the fulfillment-tracker; Program.cs runs it and tests host it in-process.</summary>
public static class FulfillmentTrackerApp
{
    /// <param name="args">Command-line arguments (--urls and configuration overrides).</param>
    /// <param name="configure">Lets a test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddAmazon();
        builder.AddTracking();
        builder.AddFeeds();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapFeeds();
        return app;
    }
}
