using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FbaMesh.OrderEnricher.Tests.Mesh;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>Meter FbaMesh.OrderEnricher: orders by outcome and reason, Crystallize fetch latency.</summary>
public sealed class MetricsTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Outcomes_and_fetch_latency_are_measured()
    {
        var measurements = new ConcurrentQueue<(string Instrument, string Tags)>();
        var factory = this.mesh.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            // Only this mesh's enricher: parallel test classes host enrichers of their own.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EnricherMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Enqueue((i.Name, Describe(tags))));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Enqueue((i.Name, Describe(tags))));
        listener.Start();

        var submitted = this.mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var failed = this.mesh.CopyOfFixture("6724c1ef5e1d4b0012a3f10b");
        await this.mesh.PublishOrderReceivedAsync(submitted);
        await this.mesh.PublishOrderReceivedAsync(failed);
        await this.mesh.FinalStateAsync(submitted);
        await this.mesh.FinalStateAsync(failed);

        // The outcome is counted once the delivery is answered, just after the final state is written.
        (string, string)[] expected =
        [
            ("fbamesh.enricher.orders", "outcome=submitted,reason=CREATED"),
            ("fbamesh.enricher.orders", "outcome=failed,reason=invalid-country"),
            ("fbamesh.enricher.crystallize.fetch.duration", "result=found"),
        ];
        await Testing.Eventually.UntilAsync(() => expected.All(measurements.Contains), "the outcome measurements");
        Assert.All(expected, m => Assert.Contains(m, measurements));
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(',', parts);
    }
}
