using FbaMesh.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FbaMesh.WebhookGateway.Tests.Unit;

/// <summary>What AddServiceDefaults registers, for every service that calls it.</summary>
public sealed class ServiceDefaultsWiringTests
{
    [Fact]
    public async Task Logs_are_json_lines_and_traces_and_metrics_are_collected()
    {
        var builder = WebApplication.CreateBuilder(["--environment", "Production"]);
        builder.AddServiceDefaults();
        await using var app = builder.Build();

        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.NotNull(app.Services.GetService<Dapr.Client.DaprClient>());
    }

    [Fact]
    public async Task A_clock_registered_before_the_defaults_is_kept()
    {
        var fake = new FakeTimeProvider();
        var builder = WebApplication.CreateBuilder(["--environment", "Production"]);
        builder.Services.AddSingleton<TimeProvider>(fake);
        builder.AddServiceDefaults();
        await using var app = builder.Build();

        Assert.Same(fake, app.Services.GetRequiredService<TimeProvider>());
    }
}
