using FbaMesh.CrystallizeEmulator.Admin;
using FbaMesh.CrystallizeEmulator.Api;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.CrystallizeEmulator.Hosting;

/// <summary>Wires the emulator into a host, whether it runs as a process or inside a test.</summary>
public static class EmulatorHosting
{
    public static WebApplicationBuilder AddCrystallizeEmulator(this WebApplicationBuilder builder, CrystallizeEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Time ?? TimeProvider.System;
        var store = new OrderStore(time, new OrderReadability(options.ReadableAfterReads, options.ReadableAfter));
        if (options.FixturesPath is { } fixtures)
        {
            OrderFixtures.LoadInto(store, fixtures);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new RequestLog(options.RequestLogCapacity));
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<GraphQlApi>();
        builder.Services.AddHttpClient<WebhookPoster>(http => http.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddTransient<OrderCreatedWebhookSender>();
        builder.Services.AddTransient<PipelineStageChangedWebhookSender>();
        return builder;
    }

    public static WebApplication MapCrystallizeEmulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => Results.Text("Healthy"));
        app.MapGraphQlApis();
        app.MapOrderAdmin();
        app.MapRequestLog();
        app.MapFaults();
        app.MapWebhookSender();
        return app;
    }
}
