using FbaMesh.DaprEmulator.Bindings;
using FbaMesh.DaprEmulator.Tests.Support;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>Input bindings as daprd reads them: the OPTIONS probe, the route, cron on the host's (fake) clock.</summary>
public sealed class InputBindingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 3, 20, TimeSpan.Zero);

    internal static string Resources => Path.Combine(AppContext.BaseDirectory, "TestResources", "binding-components");

    internal static SidecarOptions For(string appId, int? port) => Sidecars.For(appId, port) with { ResourcesPath = Resources };

    [Fact]
    public async Task Only_bindings_whose_probe_answers_2xx_or_405_are_read()
    {
        var clock = new TimerCountingClock(Start);
        // POST /notifications only: OPTIONS there gets ASP.NET Core's 405 (listening); /tick is unmapped (404).
        await using var app = await BindingApp.StartAsync(a =>
        {
            a.MapPost("/notifications", () => Results.Ok());
            a.MapPost("/tick", () => Results.Ok());
            a.MapMethods("/api/ticks", ["OPTIONS"], () => Results.NoContent());
        }, refuseOptions: c => c.Request.Path == "/tick");
        await using var host = await DaprEmulatorHost.StartAsync([For("listener", app.Port) with { AppApiToken = "app-token" }], null, clock);

        await host["listener"].InputBindingsStarted;

        Assert.Equal(["notifications", "pushed", "routed-tick"], host["listener"].ReadingBindings.Order(StringComparer.Ordinal));
        // "pushed" has direction input: no probe. Every probe carries the app token, as daprd's app channel sends it.
        Assert.Equal(["/api/ticks", "/notifications", "/retried", "/tick"], app.Probes.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(app.Probes, p => Assert.Equal("app-token", p.Header("dapr-api-token")));
    }

    [Fact]
    public async Task A_binding_the_app_does_not_listen_for_gets_nothing_and_its_messages_wait()
    {
        var clock = new TimerCountingClock(Start);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/api/pushed", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([For("deaf", app.Port)], null, clock);
        await host["deaf"].InputBindingsStarted;

        var waiting = host.SendToQueue("deaf", "notifications", "{\"n\":1}"u8.ToArray())!;
        host.SendToQueue("deaf", "pushed", "{\"n\":2}"u8.ToArray());

        // The read binding proves the sidecar delivers; the unread one has no reader at all.
        await Eventually.UntilAsync(() => app.Posts("/api/pushed").Count == 1, "the delivery of the binding that is read");
        Assert.DoesNotContain("notifications", host["deaf"].ReadingBindings);
        Assert.DoesNotContain("tick", host["deaf"].ReadingBindings);
        Assert.Empty(app.Posts("/notifications"));
        var message = Assert.Single(host.QueueMessages("fbamesh-test-notifications", "us-east-1"));
        Assert.Equal((waiting.Id, QueuedMessageState.Pending, 0), (message.Id, message.State, message.ReceiveCount));
    }

    [Fact]
    public async Task Cron_every_fires_on_the_fake_clock_at_each_period_with_daprd_metadata()
    {
        var clock = new TimerCountingClock(Start);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/tick", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([For("ticker", app.Port) with { AppApiToken = "app-token" }], null, clock);
        await host["ticker"].InputBindingsStarted;
        Assert.Contains("tick", host["ticker"].ReadingBindings);
        await Eventually.UntilAsync(() => clock.Timers >= 1, "the cron timer");

        clock.Advance(TimeSpan.FromSeconds(14));
        var timers = clock.Timers;
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => app.Posts("/tick").Count == 1, "the first activation");
        await Eventually.UntilAsync(() => clock.Timers > timers, "the next activation's timer");
        clock.Advance(TimeSpan.FromSeconds(15));
        await Eventually.UntilAsync(() => app.Posts("/tick").Count == 2, "the second activation");

        var ticks = app.Posts("/tick");
        // An activation before its time would carry an earlier readTimeUTC (and would have come first).
        Assert.Equal(["2026-01-01 00:03:35 +0000 UTC", "2026-01-01 00:03:50 +0000 UTC"], ticks.Select(t => t.Header("readTimeUTC")));
        Assert.All(ticks, t =>
        {
            Assert.Empty(t.Body);
            Assert.Equal("application/json", t.ContentType);
            Assert.Equal("Local", t.Header("timeZone"));
            Assert.Equal("app-token", t.Header("dapr-api-token"));
        });
    }

    [Fact]
    public async Task Cron_expression_fires_at_its_boundary_on_the_route_metadata_path()
    {
        var clock = new TimerCountingClock(Start);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/api/ticks", () => Results.Ok()));
        await using var host = await DaprEmulatorHost.StartAsync([For("router", app.Port)], null, clock);
        await host["router"].InputBindingsStarted;
        await Eventually.UntilAsync(() => clock.Timers >= 1, "the cron timer");

        clock.Advance(TimeSpan.FromSeconds(99));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => host.BindingDeliveries().Count == 1, "the activation at 00:05:00");

        Assert.Equal("2026-01-01 00:05:00 +0000 UTC", app.Posts("/api/ticks")[0].Header("readTimeUTC"));
        Assert.Empty(app.Posts("/routed-tick"));
        Assert.Contains(host.BindingDeliveries(), d => d is { Binding: "routed-tick", Path: "/api/ticks", Status: 200, Handled: true });
    }

    [Fact]
    public async Task A_failed_cron_delivery_is_not_retried()
    {
        var clock = new TimerCountingClock(Start);
        await using var app = await BindingApp.StartAsync(a => a.MapPost("/tick", () => Results.StatusCode(500)));
        await using var host = await DaprEmulatorHost.StartAsync([For("failing-ticker", app.Port)], null, clock);
        await host["failing-ticker"].InputBindingsStarted;
        await Eventually.UntilAsync(() => clock.Timers >= 1, "the cron timer");

        var timers = clock.Timers;
        clock.Advance(TimeSpan.FromSeconds(15));
        await Eventually.UntilAsync(() => host.BindingDeliveries().Any(d => d.Binding == "tick"), "the first activation");
        // Moved before the next activation's timer exists, the clock would start that wait from the later time.
        await Eventually.UntilAsync(() => clock.Timers > timers, "the next activation's timer");
        clock.Advance(TimeSpan.FromSeconds(15));
        await Eventually.UntilAsync(() => host.BindingDeliveries().Count(d => d.Binding == "tick") == 2, "the second activation");

        // Two activations, two posts: the 500 was logged and forgotten, as by daprd's cron binding.
        Assert.Equal([false, false], host.BindingDeliveries().Where(d => d.Binding == "tick").Select(d => d.Handled));
        Assert.Equal(["2026-01-01 00:03:35 +0000 UTC", "2026-01-01 00:03:50 +0000 UTC"], app.Posts("/tick").Select(t => t.Header("readTimeUTC")));
        Assert.True(clock.Timers > timers);
    }

    [Fact]
    public async Task Binding_components_are_listed_in_the_metadata_as_input_bindings()
    {
        await using var app = await BindingApp.StartAsync(_ => { });
        await using var host = await DaprEmulatorHost.StartAsync([For("described", app.Port)], null, new TimerCountingClock(Start));
        using var http = new HttpClient { BaseAddress = host["described"].HttpEndpoint };

        using var metadata = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/v1.0/metadata"));

        var components = metadata.RootElement.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("type").GetString(), c.GetProperty("capabilities")[0].GetString()));
        Assert.Equal(("bindings.cron", "INPUT_BINDING"), components["tick"]);
        Assert.Equal(("bindings.aws.sqs", "INPUT_BINDING"), components["notifications"]);
    }

    [Theory]
    [InlineData("bindings.cron", "schedule", "every day", "expected 5 to 6 fields")]
    [InlineData("bindings.cron", "route", "/x", "schedule not set")]
    [InlineData("bindings.aws.sqs", "region", "us-east-1", "needs metadata queueName")]
    public async Task An_invalid_binding_component_stops_the_start_with_its_file_and_reason(string type, string key, string value, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("binding-components-").FullName;
        try
        {
            var file = Path.Combine(folder, "binding.yaml");
            await File.WriteAllTextAsync(file, $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: broken
                spec:
                  type: {type}
                  version: v1
                  metadata:
                    - name: {key}
                      value: "{value}"
                """);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => DaprEmulatorHost.StartAsync([Sidecars.For("broken-app") with { ResourcesPath = folder }]));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
