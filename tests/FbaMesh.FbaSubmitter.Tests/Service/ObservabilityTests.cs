using System.Diagnostics;
using System.Diagnostics.Metrics;
using FbaMesh.FbaSubmitter.Observability;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.FbaSubmitter.Tests.Service;

/// <summary>What an operator sees: metrics, a span around each Amazon call, and logs without secrets or personal data.</summary>
public class ObservabilityTests
{
    [Fact]
    public async Task Creates_latency_throttles_and_token_refreshes_are_measured()
    {
        var spApi = StubSpApi.Create(n => n == 1 ? StubSpApi.Status(429, "QuotaExceeded", "You exceeded your quota.") : StubSpApi.Ok());
        // Warm-up off: the first call makes the token exchange, so it is measured under this listener.
        await using var host = await SubmitterHost.StartAsync(new Dictionary<string, string> { ["SpApi:WarmUp"] = "false" }, spApi: spApi, lwa: StubAmazon.Lwa());
        var measured = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SubmitterMetrics.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.Start();

        await host.Client.SubmitAsync(Orders.Valid());

        lock (measured)
        {
            Assert.Contains(measured, m => m.Instrument == "fbamesh.submitter.creates" && (string?)m.Tags["outcome"] == "created");
            Assert.Contains(measured, m => m.Instrument == "fbamesh.submitter.spapi.throttles" && (string?)m.Tags["operation"] == "createFulfillmentOrder");
            Assert.Contains(measured, m => m.Instrument == "fbamesh.submitter.lwa.refreshes" && (string?)m.Tags["outcome"] == "success");
            Assert.Equal(["200", "429"], measured.Where(m => m.Instrument == "fbamesh.submitter.spapi.duration").Select(m => (string)m.Tags["status"]!).Order());
        }

        void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measured)
            {
                measured.Add((name, value, copy));
            }
        }
    }

    [Fact]
    public async Task Each_Amazon_call_is_a_client_span_in_the_callers_trace()
    {
        var spApi = StubSpApi.Create(StubSpApi.Created);
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is SubmitterMetrics.Name or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var test = new ActivitySource("FbaMesh.FbaSubmitter.Tests").StartActivity("test");
        Assert.NotNull(test);

        await host.Client.SubmitAsync(Orders.Valid());

        var span = await Eventually.UntilAsync(
            () => Task.FromResult(spans.FirstOrDefault(s => s.Source.Name == SubmitterMetrics.Name && s.TraceId == test.TraceId)),
            s => s is not null, "the SP-API span");
        Assert.Equal("SP-API createFulfillmentOrder", span!.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Logs_hold_no_secret_no_token_and_no_personal_data_and_warn_once_about_AWS_keys()
    {
        var logs = new CapturedLogs();
        var secrets = new StubSecrets(new Dictionary<string, string>(StubSecrets.DevSecret)
        {
            ["awsAccessKeyId"] = "AKIA-FAKE", ["awsSecretAccessKey"] = "aws-secret-value", ["roleArn"] = "arn:aws:iam::1:role/x",
        });
        var spApi = StubSpApi.Create(
            n => n switch
            {
                1 => StubSpApi.Status(500, "InternalFailure", "We encountered an internal error."),
                3 => StubSpApi.Status(400, "InvalidInput", "Value Kari Nordmann for parameter name is invalid."),
                _ => StubSpApi.Ok(),
            },
            get: StubSpApi.NotFound);
        await using var host = await SubmitterHost.StartAsync(
            new Dictionary<string, string>
            {
                // Every category at Debug, the framework's and HttpClient's too (appsettings.json quiets them).
                ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Debug", ["SpApi:SecretRefreshInterval"] = "00:00:00.050",
            },
            secrets, spApi, StubAmazon.Lwa(), s => s.AddSingleton<ILoggerProvider>(logs));
        var request = Orders.Valid();

        await host.Client.SubmitAsync(request);
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));
        var readsSoFar = secrets.Reads;
        await Eventually.UntilAsync(() => secrets.Reads >= readsSoFar + 3, "several reloads of the secret");

        var all = logs.Lines.ToArray();
        foreach (var forbidden in new[] { "dev-only-fake", "aws-secret-value", "AKIA-FAKE", "Atza|" })
        {
            Assert.DoesNotContain(all, l => l.Text.Contains(forbidden, StringComparison.Ordinal));
        }

        foreach (var personal in new[] { request.DestinationAddress.Name, request.DestinationAddress.AddressLine1, request.NotificationEmails[0], request.DestinationAddress.Phone })
        {
            Assert.DoesNotContain(all, l => l.Level >= LogLevel.Information && l.Text.Contains(personal, StringComparison.Ordinal));
        }

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Single(all, l => l.Level == LogLevel.Warning && l.Text.Contains("awsAccessKeyId", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Level == LogLevel.Information && l.Text.Contains(request.SellerFulfillmentOrderId, StringComparison.Ordinal));
    }
}
