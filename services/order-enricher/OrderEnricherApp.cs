using FbaMesh.Crystallize.CoreApi;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Console;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.DeadLetters;
using FbaMesh.OrderEnricher.Fulfillment;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using FbaMesh.OrderEnricher.Redrive;
using FbaMesh.OrderEnricher.Submitter;
using FbaMesh.OrderEnricher.Sweep;
using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher;

/// <summary>Builds the order-enricher; Program.cs runs it and tests host it in-process.</summary>
public static class OrderEnricherApp
{
    /// <param name="args">Command-line arguments (--urls and configuration overrides).</param>
    /// <param name="configure">Lets a test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddOrders();
        builder.AddMapping();
        builder.AddCrystallize();
        builder.AddCrystallizeCoreApi();
        builder.AddSubmitter();
        builder.AddPipeline();
        builder.AddCommands();
        builder.AddRedrive();
        builder.AddSweep();
        builder.AddDeadLetters();
        builder.AddApi();
        builder.AddFulfillmentProgress();
        builder.AddConsole();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOrdersReceivedSubscriber();
        app.MapStageChangedSubscriber();
        app.MapDeadLetterSubscriber();
        app.MapRedriveBinding();
        app.MapSweepBinding();
        app.MapFulfillmentProgressSubscriber();
        app.MapOrderApi();
        app.MapConsole();
        return app;
    }
}
