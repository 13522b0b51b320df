using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher;

/// <summary>Builds the order-enricher; Program.cs and the tests both start it through here.</summary>
public static class OrderEnricherApp
{
    /// <param name="configure">Lets a test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddFulfillmentMapping();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
